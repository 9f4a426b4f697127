package io.herald.server.reliability.soak;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code soak/soak.sh} runs this: a soak with {@link SoakOptions#full()} changed by the flags, the samples in the
 * CSV and the summary next to it ({@code <csv>.summary.txt}). Exit code 0 when the gateway shut down cleanly.
 */
public final class SoakMain {
  private SoakMain() {}

  public static void main(String[] args) throws Exception {
    SoakOptions options = SoakOptions.parse(args);
    System.out.println("soak: " + options);
    System.out.println(SoakSample.HEADER);
    SoakResult result = new Soak(options, System.out::println).run();
    String summary = result.summary();
    System.out.println("soak summary: " + summary);
    Path file = Path.of(options.csv() + ".summary.txt");
    Files.writeString(file, summary + System.lineSeparator(), StandardCharsets.UTF_8);
    System.exit(result.exitCode() == 0 ? 0 : 1);
  }
}
