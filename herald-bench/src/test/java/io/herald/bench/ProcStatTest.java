package io.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProcStatTest {
  @Test
  void readsUserAndSystemTimeApartEvenWhenTheCommandNameHasSpacesAndParentheses() {
    // fields 14 (utime) and 15 (stime) in clock ticks of 1/100 s
    String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 12345 0 0 0 250 75 0 0 20 0 30 0 100 0 0";

    ProcStat.Cpu cpu = ProcStat.parseCpu(stat);

    assertThat(cpu.userS()).isCloseTo(2.5, within(1e-9));
    assertThat(cpu.systemS()).isCloseTo(0.75, within(1e-9));
    assertThat(cpu.totalS()).isCloseTo(3.25, within(1e-9));
  }

  @Test
  void subtractsAnEarlierReading() {
    ProcStat.Cpu used = new ProcStat.Cpu(3.0, 1.5).since(new ProcStat.Cpu(1.0, 0.5));

    assertThat(used.userS()).isCloseTo(2.0, within(1e-9));
    assertThat(used.systemS()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void knowsNothingOfAProcessWithoutAPid() {
    assertThat(ProcStat.cpu(0).totalS()).isNaN();
  }
}
