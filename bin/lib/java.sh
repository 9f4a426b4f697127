# shellcheck shell=bash
#
# Sourced by bin/herald and bin/test (". bin/lib/java.sh").
# Exports JAVA_HOME pointing at a JDK 21 or newer, and puts its bin/ first on PATH.
#
# Order of preference:
#   1. the current JAVA_HOME, if it is a JDK >= 21;
#   2. the `java` on PATH, if it belongs to a JDK >= 21;
#   3. the highest JDK >= 21 under /usr/lib/jvm/*, /opt/java, /opt/java/*, /usr/local/*jdk*.
# If none is found, prints an error and exits 1 (this exits the sourcing script).
#
# Afterwards HERALD_JAVA_VERSION holds the chosen JDK's version string (e.g. "25.0.1").

HERALD_MIN_JAVA=21

# Prints the version string reported by "<java> -version", e.g. 17.0.15, 21, 25.0.1, 1.8.0_392.
_herald_java_version() {
  "$1" -version 2>&1 | sed -n 's/^.* version "\([^"]*\)".*$/\1/p' | head -n 1
}

# Prints a sortable key (major, minor, patch, zero-padded) for a version string; fails if unparsable.
# "1.8.0_392" -> major 8; "25-ea" -> major 25; "21" -> 21.0.0.
_herald_version_key() {
  local v=$1 major minor patch
  case $v in 1.[0-9]*) v=${v#1.} ;; esac
  IFS='._+-' read -r major minor patch _ <<<"$v"
  major=${major%%[!0-9]*}; minor=${minor%%[!0-9]*}; patch=${patch%%[!0-9]*}
  [ -n "$major" ] || return 1
  printf '%05d%05d%05d\n' "$((10#$major))" "$((10#${minor:-0}))" "$((10#${patch:-0}))"
}

# Checks a candidate JDK home. On success sets _herald_cand_version/_herald_cand_key and returns 0.
# Otherwise appends a description to _herald_seen and returns 1.
_herald_check_home() {
  local home=$1 ver key real
  _herald_cand_version=; _herald_cand_key=
  [ -n "$home" ] && [ -x "$home/bin/java" ] || return 1
  real=$(readlink -f "$home" 2>/dev/null || printf '%s' "$home")
  case $_herald_seen_real in *" $real "*) return 1 ;; esac   # same JDK already considered
  _herald_seen_real="$_herald_seen_real$real "
  ver=$(_herald_java_version "$home/bin/java")
  if [ -z "$ver" ] || ! key=$(_herald_version_key "$ver"); then
    _herald_seen="${_herald_seen:+$_herald_seen, }$home (unknown version)"
    return 1
  fi
  if [ "$((10#${key:0:5}))" -lt "$HERALD_MIN_JAVA" ]; then
    _herald_seen="${_herald_seen:+$_herald_seen, }Java $ver ($home)"
    return 1
  fi
  if [ ! -x "$home/bin/javac" ]; then
    _herald_seen="${_herald_seen:+$_herald_seen, }Java $ver, a JRE without javac ($home)"
    return 1
  fi
  _herald_cand_version=$ver
  _herald_cand_key=$key
  return 0
}

_herald_find_java_home() {
  local home java_bin best='' best_key='' best_version='' real

  # 1. JAVA_HOME as given.
  if [ -n "${JAVA_HOME:-}" ]; then
    if _herald_check_home "${JAVA_HOME%/}"; then
      _herald_found_home=${JAVA_HOME%/}; _herald_found_version=$_herald_cand_version
      return 0
    fi
    [ -x "${JAVA_HOME%/}/bin/java" ] ||
      _herald_seen="${_herald_seen:+$_herald_seen, }JAVA_HOME=$JAVA_HOME (no bin/java there)"
  fi

  # 2. java on PATH: ask it for java.home (works through /etc/alternatives and shims),
  #    falling back to the directory above its resolved bin/.
  if java_bin=$(command -v java 2>/dev/null) && [ -n "$java_bin" ]; then
    home=$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p' | head -n 1)
    if [ -z "$home" ] || [ ! -x "$home/bin/java" ]; then
      real=$(readlink -f "$java_bin" 2>/dev/null || printf '%s' "$java_bin")
      home=$(dirname "$(dirname "$real")")
    fi
    if _herald_check_home "$home"; then
      _herald_found_home=$home; _herald_found_version=$_herald_cand_version
      return 0
    fi
  fi

  # 3. Well-known install locations; keep the highest version.
  for home in /usr/lib/jvm/* /opt/java /opt/java/* /usr/local/*jdk*; do
    [ -d "$home" ] || continue
    if _herald_check_home "$home"; then
      if [ -z "$best" ] || [[ $_herald_cand_key > $best_key ]]; then
        best=$home; best_key=$_herald_cand_key; best_version=$_herald_cand_version
      fi
    fi
  done
  if [ -n "$best" ]; then
    _herald_found_home=$best; _herald_found_version=$best_version
    return 0
  fi
  return 1
}

_herald_seen=
_herald_seen_real=" "
if _herald_find_java_home; then
  export JAVA_HOME=$_herald_found_home
  export HERALD_JAVA_VERSION=$_herald_found_version
  case ":$PATH:" in
    *":$JAVA_HOME/bin:"*) ;;
    *) export PATH="$JAVA_HOME/bin:$PATH" ;;
  esac
  unset -f _herald_java_version _herald_version_key _herald_check_home _herald_find_java_home
  unset _herald_seen _herald_seen_real _herald_cand_version _herald_cand_key _herald_found_home _herald_found_version
else
  echo "error: Herald needs JDK $HERALD_MIN_JAVA or newer; found only: ${_herald_seen:-no Java at all}." >&2
  echo "       Install e.g. openjdk-21-jdk (apt-get install -y openjdk-21-jdk) or set JAVA_HOME to a JDK $HERALD_MIN_JAVA+." >&2
  exit 1
fi
