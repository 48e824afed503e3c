#!/usr/bin/env bash
# Prints one line per module and a total from the Surefire/Failsafe XML reports,
# so the end of `./vigil test` says at a glance what ran and what failed.
set -uo pipefail
root=${1:-.}
total_t=0 total_f=0 total_e=0 total_s=0
printf '\n%-22s %8s %8s %8s %8s\n' "TEST SUMMARY" tests failures errors skipped
for mod in "$root"/vigil-*/; do
  m=$(basename "$mod")
  t=0 f=0 e=0 s=0
  for xml in "$mod"target/surefire-reports/TEST-*.xml "$mod"target/failsafe-reports/TEST-*.xml; do
    [[ -f "$xml" ]] || continue
    # Count the elements: a class made of @Nested classes reports tests="0" on its <testsuite>.
    t=$((t + $(grep -c '<testcase ' "$xml")))
    f=$((f + $(grep -c '<failure' "$xml")))
    e=$((e + $(grep -c '<error' "$xml")))
    s=$((s + $(grep -c '<skipped' "$xml")))
  done
  [[ $t -gt 0 ]] || continue
  printf '%-22s %8d %8d %8d %8d\n' "$m" "$t" "$f" "$e" "$s"
  total_t=$((total_t + t)); total_f=$((total_f + f)); total_e=$((total_e + e)); total_s=$((total_s + s))
done
printf '%-22s %8d %8d %8d %8d\n' "TOTAL" "$total_t" "$total_f" "$total_e" "$total_s"
if [[ $((total_f + total_e)) -gt 0 ]]; then
  echo "FAILED tests:"
  grep -l -E '<(failure|error)' "$root"/vigil-*/target/{surefire,failsafe}-reports/TEST-*.xml 2>/dev/null | sed 's#.*/TEST-#  #; s#\.xml$##'
fi
