// Dutch stemmer for the site search box (wijksite, theme "wijk").
//
// The search index is built in Rust with rust-stemmers 1.2.0
// (Algorithm::Dutch: the original Snowball "dutch" stemmer, not the
// Kraaij-Pohlmann one of Snowball 3.0). The browser must stem the typed words
// exactly alike, or a typed word misses its pages. This is a port of that
// code, including its one quirk: R1 starts at UTF-8 byte 3 at the earliest,
// not at letter 3. tests/search_stemmer.rs keeps it equal to the Rust
// stemmer on thousands of words. Input: one lowercased word.

const enc = new TextEncoder();
const isV = (c) => c !== undefined && "aeiouyè".includes(c);

export function stem(word) {
  // Prelude: drop accents; y at the start, y after a vowel and i between
  // vowels are consonants (Y, I) until the postlude.
  const w = Array.from(word, (c) => "aaeeiioouu"["äáëéïíöóüú".indexOf(c)] ?? c);
  if (w[0] === "y") w[0] = "Y";
  for (let i = 1; i < w.length; i++) {
    if (!isV(w[i - 1])) continue;
    if (w[i] === "i" && isV(w[i + 1])) w[i] = "I";
    else if (w[i] === "y") w[i] = "Y";
  }

  // R1 and R2 start after the first consonant that follows a vowel.
  const after = (i) => {
    while (i < w.length && !isV(w[i])) i++;
    i++;
    while (i < w.length && isV(w[i])) i++;
    return Math.min(i + 1, w.length);
  };
  const r1 = after(0);
  const r2 = after(r1);
  const R1 = (i) => i >= r1 && enc.encode(w.slice(0, i).join("")).length >= 3;
  const R2 = (i) => i >= r2;
  const consonant = (i) => i >= 0 && !isV(w[i]);
  const endsAt = (s, i) => i >= s.length && w.slice(i - s.length, i).join("") === s;
  const ends = (s) => endsAt(s, w.length);
  const undouble = () => {
    if (ends("dd") || ends("kk") || ends("tt")) w.pop();
  };
  const enEnding = (i) => {
    if (R1(i) && consonant(i - 1) && !endsAt("gem", i)) {
      w.length = i;
      undouble();
    }
  };
  let eFound = false;
  const eEnding = () => {
    const i = w.length - 1;
    eFound = false;
    if (w[i] === "e" && R1(i) && consonant(i - 1)) {
      w.length = i;
      eFound = true;
      undouble();
    }
  };

  // Step 1: heden, ene, en, se, s.
  let n = w.length;
  if (ends("heden")) {
    if (R1(n - 5)) w.splice(n - 5, 5, ..."heid");
  } else if (ends("ene")) enEnding(n - 3);
  else if (ends("en")) enEnding(n - 2);
  else {
    const i = ends("se") ? n - 2 : ends("s") ? n - 1 : n;
    if (i < n && R1(i) && consonant(i - 1) && w[i - 1] !== "j") w.length = i;
  }

  // Step 2: e.
  eEnding();

  // Step 3a: heid.
  n = w.length;
  if (ends("heid") && R2(n - 4) && !endsAt("c", n - 4)) {
    w.length = n - 4;
    if (ends("en")) enEnding(n - 6);
  }

  // Step 3b: end, ing, ig, lijk, baar, bar.
  n = w.length;
  const suffix = ["end", "ing", "ig", "lijk", "baar", "bar"].find((s) => ends(s));
  const i = n - (suffix ?? "").length;
  if (suffix && R2(i)) {
    if (suffix === "end" || suffix === "ing") {
      w.length = i;
      if (ends("ig") && R2(i - 2) && !endsAt("e", i - 2)) w.length = i - 2;
      else undouble();
    } else if (suffix === "ig") {
      if (!endsAt("e", i)) w.length = i;
    } else if (suffix === "lijk") {
      w.length = i;
      eEnding();
    } else if (suffix === "baar" || eFound) w.length = i;
  }

  // Step 4: undouble a vowel before a final consonant: "maan" -> "man".
  n = w.length;
  const doubleVowel = w[n - 3] === w[n - 2] && "aeou".includes(w[n - 2]);
  if (consonant(n - 4) && doubleVowel && consonant(n - 1) && w[n - 1] !== "I") w.splice(n - 2, 1);

  // Postlude.
  return w.join("").replace(/I/g, "i").replace(/Y/g, "y");
}
