#!/usr/bin/env bash
# Reproduces every figure of docs/performance.md with one command:
#
#   scripts/bench.sh [WORK_DIR]        (default: target/bench)
#
# Generates synthetic sites of 1,000 and 10,000 pages (examples/gen_site.rs,
# seed 1) in wijksite's format and the same pages as a Hugo site; then, for
# each size, RUNS times (default 3, median reported) and into a fresh output
# folder every time: the read-and-write floor (cp -r of content/), a full
# wijksite build and a Hugo build, each under /usr/bin/time for wall time,
# CPU time (user + sys) and peak memory (maximum resident set size). Then
# the incremental rebuild: `wijksite serve --timings` on the 10,000-page
# site, saving one page EDITS times (body, then title) and timing each save
# to the reload event on the server's event stream (examples/serve_latency),
# plus the same rebuilds in-process (examples/incremental_bench).
#
# Installs `time` and `hugo` (Debian packages) when missing. Prints the
# machine, the load before and after each step, and a Markdown table; the
# raw numbers stay in WORK_DIR.
#
# FRESH_FS=1 (as root) writes every run into a freshly made ext4 file
# system on a loop file in WORK_DIR instead of WORK_DIR's own. On a file
# system where many files were deleted in the last minutes (an earlier
# benchmark, say), creating files is slow for everyone: ext4 skips inodes
# freed recently, and with no journal it looks at each one (seen here:
# the floor itself went from 0.2 to 0.5 s). A fresh file system gives the
# same conditions to every run and every tool.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=${1:-$repo/target/bench}
runs=${RUNS:-3}
sizes=${SIZES:-"1000 10000"}
big=${sizes##* }
edits=${EDITS:-20}
port=${PORT:-18733}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}
mkdir -p "$work"
work=$(cd "$work" && pwd)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
need=()
[ -x /usr/bin/time ] || need+=(time)
command -v hugo >/dev/null || need+=(hugo)
if [ ${#need[@]} -gt 0 ]; then
  as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q "${need[@]}"
fi

load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "== machine"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores"
echo "memory: $(free -m | awk '/^Mem:/ {print $2}') MB"
echo "kernel: $(uname -r); file system of $work: $(df -T "$work" | awk 'NR==2 {print $2}')"
echo "rustc: $(rustc --version); hugo: $(hugo version | cut -d' ' -f2)"
echo "load (1, 5, 15 min): $(load)"

echo "== build (release)"
cargo build --release --quiet --bin wijksite --example gen_site --example serve_latency --example incremental_bench
bin=$repo/target/release/wijksite
ex=$repo/target/release/examples

# One timed run: prints "wall user sys maxrss_kb".
timed() {
  local out=$work/time.txt
  /usr/bin/time -f "%e %U %S %M" -o "$out" "$@" >/dev/null 2>"$work/stderr.txt" || {
    cat "$work/stderr.txt" >&2
    return 1
  }
  tail -n1 "$out"
}

# The runs in file $1 as: median wall s, median CPU s (user + sys), peak MB
# (the largest of the runs).
summarise() {
  local m=$(( ($(wc -l <"$1") + 1) / 2 ))
  local wall cpu rss
  wall=$(awk '{ print $1 }' "$1" | sort -n | sed -n "${m}p")
  cpu=$(awk '{ printf "%.2f\n", $2 + $3 }' "$1" | sort -n | sed -n "${m}p")
  rss=$(awk '$4 > r { r = $4 } END { printf "%.0f", r / 1024 }' "$1")
  echo "$wall $cpu $rss"
}

# Every run writes into a folder of its own that was never used: deleting
# thousands of files (and the disk's discards after) would otherwise slow
# down whichever run comes next. The runs are deleted at the end; leftovers
# of an interrupted benchmark go first, with time for the disk to settle.
runs_dir=$work/runs
if [ "${FRESH_FS:-0}" = 1 ]; then
  umount "$work/fs" 2>/dev/null || true
  rm -f "$work/fs.img"
  truncate -s 24G "$work/fs.img"
  mkfs.ext4 -q -F -i 8192 "$work/fs.img"
  mkdir -p "$work/fs"
  mount -o loop "$work/fs.img" "$work/fs"
  runs_dir=$work/fs/runs
  echo "runs on a fresh ext4 file system: $(df -h "$work/fs" | awk 'NR==2 {print $2}')"
elif [ -d "$runs_dir" ]; then
  rm -rf "$runs_dir"
  sync
  sleep 30
fi
mkdir -p "$runs_dir"

declare -A result
for pages in $sizes; do
  site=$work/site-$pages
  hugo_site=$work/hugo-$pages
  echo "== $pages pages: generating"
  "$ex/gen_site" --pages "$pages" --out "$site" --seed 1 --hugo "$hugo_site"
  input_files=$(find "$site/content" -type f | wc -l)
  input_mb=$(du -sm "$site/content" | cut -f1)
  echo "input: $input_files files, $input_mb MB"
  # Warm the page cache, so every run reads from memory.
  find "$site/content" "$hugo_site/content" -type f -exec cat {} + >/dev/null
  for tool in floor wijksite hugo; do : >"$work/runs-$tool-$pages.txt"; done
  # The three take turns, so each sees the machine in the same state.
  for run in $(seq "$runs"); do
    sync
    echo "-- run $run of $pages pages, load before: $(load)"
    for tool in floor wijksite hugo; do
      dest=$runs_dir/$tool-$pages-$run
      case $tool in
        floor) timed cp -r "$site/content" "$dest" ;;
        wijksite) timed "$bin" build --quiet --root "$site" --output "$dest" ;;
        hugo) timed hugo --quiet --source "$hugo_site" --destination "$dest" \
          --cacheDir "$runs_dir/hugo-cache-$pages-$run" ;;
      esac | tee -a "$work/runs-$tool-$pages.txt" | sed "s/^/$tool: /"
    done
  done
  for tool in floor wijksite hugo; do
    result[$tool-$pages]=$(summarise "$work/runs-$tool-$pages.txt")
    echo "$tool: median wall s, median CPU s, peak MB: ${result[$tool-$pages]}"
  done
  echo "load after: $(load)"
  result[html-$pages]=$(find "$runs_dir/wijksite-$pages-1" -name '*.html' | wc -l)
  result[hugo-html-$pages]=$(find "$runs_dir/hugo-$pages-1" -name '*.html' | wc -l)
  result[out-mb-$pages]=$(du -sm "$runs_dir/wijksite-$pages-1" | cut -f1)
done

echo "== incremental rebuild in serve ($big pages), load before: $(load)"
site=$work/site-$big
page=$(find "$site/content/wijken" -name '*.md' ! -name '_index.md' | sort | sed -n 10p)
"$bin" serve --root "$site" --port "$port" --timings >"$work/serve.log" 2>&1 &
serve_pid=$!
trap 'kill $serve_pid 2>/dev/null || true' EXIT
for _ in $(seq 120); do grep -q "^Bekijk" "$work/serve.log" && break; sleep 0.5; done
grep -q "^Bekijk" "$work/serve.log" || { cat "$work/serve.log"; exit 1; }
"$ex/serve_latency" --url "http://127.0.0.1:$port/" --file "$page" --edits "$edits" | tee "$work/serve-body.txt" | tail -n1
"$ex/serve_latency" --url "http://127.0.0.1:$port/" --file "$page" --edits "$edits" --title | tee "$work/serve-title.txt" | tail -n1
serve_rss=$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$serve_pid/status")
kill "$serve_pid"
trap - EXIT
grep "^Tijden" "$work/serve.log" | tail -n3
echo "serve peak memory: $serve_rss MB (load after: $(load))"
rel=${page#"$site"/}
"$ex/incremental_bench" --root "$site" --file "$rel" --edits "$edits" | tail -n1 | tee "$work/inproc-body.txt"
"$ex/incremental_bench" --root "$site" --file "$rel" --edits "$edits" --title | tail -n1 | tee "$work/inproc-title.txt"

if [ "${FRESH_FS:-0}" = 1 ]; then
  umount "$work/fs"
  rm -f "$work/fs.img"
else
  rm -rf "$runs_dir"
fi

median_of() { sed -n 's/.*median \([0-9.]*\) ms.*/\1/p' "$1"; }
field() { echo "${result[$1]}" | cut -d' ' -f"$2"; }

echo
echo "== results (medians of $runs runs; load at the end: $(load))"
echo
echo "| pages | what | wall s | CPU s | pages/s (wall) | peak MB |"
echo "| ---: | --- | ---: | ---: | ---: | ---: |"
for pages in $sizes; do
  for tool in floor wijksite hugo; do
    wall=$(field "$tool-$pages" 1)
    rate=$(awk -v p="$pages" -v w="$wall" 'BEGIN { printf "%.0f", p / w }')
    name=$tool
    [ "$tool" = floor ] && name="read-and-write floor (cp -r content)"
    echo "| $pages | $name | $wall | $(field "$tool-$pages" 2) | $rate | $(field "$tool-$pages" 3) |"
  done
done
echo
for pages in $sizes; do
  w=$(field "wijksite-$pages" 1)
  echo "$pages pages: wijksite writes ${result[html-$pages]} HTML files (${result[out-mb-$pages]} MB), Hugo ${result[hugo-html-$pages]};" \
    "Hugo/wijksite wall $(awk -v h="$(field "hugo-$pages" 1)" -v w="$w" 'BEGIN { printf "%.1f", h / w }')x," \
    "wijksite/floor wall $(awk -v f="$(field "floor-$pages" 1)" -v w="$w" 'BEGIN { printf "%.1f", w / f }')x"
done
if [ -n "${result[wijksite-1000]:-}" ] && [ -n "${result[wijksite-10000]:-}" ]; then
  echo "10,000 / 1,000 pages wall: $(awk -v a="$(field wijksite-10000 1)" -v b="$(field wijksite-1000 1)" 'BEGIN { printf "%.1f", a / b }')x"
fi
echo "serve, save to reload event: body $(median_of "$work/serve-body.txt") ms, title $(median_of "$work/serve-title.txt") ms (median of $edits); in-process rebuild: body $(median_of "$work/inproc-body.txt") ms, title $(median_of "$work/inproc-title.txt") ms; serve peak memory $serve_rss MB"
