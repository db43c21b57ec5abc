#!/usr/bin/env bash
# The photo benchmark of docs/performance.md ("Photos"), one command:
#
#   scripts/bench_images.sh [WORK_DIR]     (default: target/bench-images)
#
# Writes COUNT (default 100) phone-size photos (4000 × 3000, 12 MP, JPEG
# quality 90, GPS in the EXIF; examples/gen_photos.rs) into a site with one
# page showing them all, then builds it twice under /usr/bin/time: first with
# an empty image cache, then again with the cache the first build left. Prints
# wall time, CPU time, peak memory, wijksite's --timings line (files encoded
# and taken from the cache) and the average size per width and format.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=${1:-$repo/target/bench-images}
count=${COUNT:-100}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)"; exit 2; }

cargo build --release --quiet --bin wijksite --example gen_photos
bin=${CARGO_TARGET_DIR:-$repo/target}/release
site=$work/site
rm -rf "$site"
mkdir -p "$site/content/pages" "$site/content/static"
cp -r themes "$site/"
cp content/site.yaml "$site/content/"
cp content/static/logo.svg "$site/content/static/"
echo "== $count photos of 12 MP"
"$bin/examples/gen_photos" "$site/content/pages/fotoboek" "$count"
{
  printf -- '---\ntitle: Fotoboek\n---\nDe foto'"'"'s van het oogstfeest.\n\n'
  for n in $(seq -f '%03g' 1 "$count"); do
    printf '![Foto %s van het oogstfeest](fotoboek/foto-%s.jpg)\n\n' "$n" "$n"
  done
} > "$site/content/pages/fotoboek.md"
echo "photos: $(du -sh "$site/content/pages/fotoboek" | cut -f1); cpu: $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"

for run in "first build (empty cache)" "rebuild (cache kept)"; do
  echo "== $run"
  /usr/bin/time -f "wall %e s, cpu %U + %S s, peak memory %M KB" \
    "$bin/wijksite" build --root "$site" --timings 2>&1 | tail -3
done

echo "== average size per file (original: $(( $(cat "$site"/content/pages/fotoboek/*.jpg | wc -c) / count / 1024 )) KB)"
for width in 480 960 1600; do
  for ext in webp jpg; do
    bytes=$(cat "$site"/output/img/*-"$width"."$ext" | wc -c)
    echo "$width px $ext: $(( bytes / count / 1024 )) KB"
  done
done
