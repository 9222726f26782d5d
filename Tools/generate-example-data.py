#!/usr/bin/env python3
"""Generate the SYNTHETIC example data shipped in Data/.

Writes, relative to the repository root:

  Data/befolkning/befolkning-syntetisk.csv
      population per municipality on 1 January 2023, 2024 and 2025: total, 0-15, 16-67, 65+,
      80+ and residents of nursing homes (plejehjem);
  Data/befolkning/befolkning-aldersgrupper-syntetisk.csv
      the same population in the 19 age bands of the European Standard Population 2013 (0-4,
      5-9, ..., 85-89, 90+), summing to the totals, 65+ and 80+ of the file above;
  Data/indikatorer/syntetiske-indikatorer.csv
      11 indicators (hospital stays, Serviceloven §84 stays, dose-dispensed medicine, specialist
      practice contacts and capacity, expenses, medicine subsidies) for 2023 and 2024;
  Data/indikatorer/syntetiske-aldersfordelte.csv
      2 indicators counted by age band, for direct age standardisation: the chronic-disease share
      (all 19 bands) and preventable acute stays among residents aged 65+ (65-69 to 90+), 2023
      and 2024;
  Data/indikatorer/syntetiske-kroniske-sygdomme.csv, syntetiske-sundhedsuddannede.csv,
  syntetiske-almen-praksis.csv, syntetiske-speciallaegepraksis.csv
      added later, each by functions and a random generator of its own (see "added indicators"
      below): the RUKS diseases one by one, health-educated municipal staff, general practice, and
      contacts and practices per specialty of speciallægepraksis, for 2023 and 2024.

EVERY NUMBER IN THESE FILES IS SYNTHETIC. They are made up, plausible in size, so that the
tool can be built, tested and demonstrated without real data. Every row says so in its
`datagrundlag` column (`syntetisk`), and Data/README.md says so too. Do not use them for anything
else.

What is real and how the synthetic figures are calibrated:
  * `i_alt` on 2023-01-01 equals the real total in Data/kilder/befolkning-kendte-totaler.csv
    wherever one is known (71 municipalities), and the few real 2024/2025 totals given there are
    used exactly on those dates (Holbæk 2024/2025, Slagelse 2024, Sorø 2024, Kalundborg 2025,
    Lejre 2025);
  * Nordjylland's real 2020 totals are grown to 2023 (about +0.5 %/year, Aalborg faster);
  * the 16 municipalities without any known total get made-up totals whose sums equal the real
    gaps stated in Data/kilder/SOURCES.md (Hovedstaden 1,083,052; Midtjylland 223,717);
  * the eight municipalities of Sundhedsråd Midt- og Vestsjælland are calibrated to the real data
    pack's figures (416,350 residents on 1 January 2025, 26.9 % aged 65+, 7.5 % aged 80+, 63.7 %
    aged 16-67, 0.8 % in nursing homes), and their 2024 council level of each indicator is made
    to equal the real pack's figure (19.2 % with a chronic disease, 52 % with an outpatient stay,
    ...; see INDICATORS below). The pack gives no council figure for the bed-blocking expenses,
    only that Odsherred is the council's highest at 26.6.
Everything else (age structure, growth, indicator values) is drawn at random.

The data is reproducible: a fixed seed (random.Random(2027)), a fixed order of draws, and only
the standard library, so running the script twice gives byte-identical files.

Usage (from anywhere; paths are relative to this script's repository):
    python3 Tools/generate-example-data.py [--quiet]

It reads only files of this repository: the real population totals in
Data/kilder/befolkning-kendte-totaler.csv (a byte-for-byte copy of the published research file,
see Data/kilder/README.md), the municipality register ClusterDefinitions/kommuner.csv, and the
real preventable acute stays per 1,000 aged 65+ of Data/indikatorer/nationale-maal-2024-kommuner.csv
(the level of each municipality and of the country that the age-banded synthetic stays copy).

The age bands and the age-banded indicators have random number generators of their own (seeded
from a text, see AGE_BAND_SEEDS), so that adding them changed no other number.
"""

import argparse
import csv
import math
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
KNOWN_TOTALS = REPO / "Data" / "kilder" / "befolkning-kendte-totaler.csv"
SEED = 2027
YEARS = (2023, 2024, 2025)
PERIODS = (2023, 2024)

# Sundhedsråd Midt- og Vestsjælland and the figures of the real data pack we calibrate to.
MIDT_VEST = (330, 316, 370, 329, 340, 306, 326, 350)
MIDT_VEST_2025 = {"i_alt": 416_350, "65plus": 0.269, "80plus": 0.075, "16_67": 0.637, "plejehjem": 0.008}

# Gaps stated in Data/kilder/SOURCES.md: real 2023 region totals minus the known municipalities.
HOVEDSTADEN_MISSING_SUM = 1_083_052
MIDTJYLLAND_MISSING_SUM = 223_717
# Made-up 2023 totals for municipalities with no known figure. The first one of each group is
# set to the residual so that the group sums to the gap above.
HOVEDSTADEN_MISSING = {101: None, 219: 51_870, 167: 55_420, 169: 57_960, 223: 25_630, 183: 23_710,
                       173: 56_160, 230: 56_480, 175: 41_120, 185: 43_480, 187: 16_910}
MIDTJYLLAND_MISSING = {791: None, 760: 55_980, 741: 3_690, 779: 45_890, 671: 20_640}

BIG_CITIES = {101: 0.0125, 751: 0.013, 851: 0.0105, 461: 0.0095}       # growth per year
SMALL_ISLANDS = {825: -0.008, 741: -0.006, 492: -0.007, 563: -0.003}   # Læsø, Samsø, Ærø, Fanø
# Midt- og Vestsjælland: small fixed growth for the municipalities without a real 2025 total;
# Næstved (370) takes the residual so that the council sums to 416,350 on 2025-01-01.
MIDT_VEST_GROWTH = {330: 0.0015, 340: 0.0010, 329: 0.0025, 306: -0.0010}

# Age profile: 0 = young (65+ about 14 %), 1 = old (65+ about 33 %). Default drawn in 0.35-0.60.
OLD_INDEX = {
    101: 0.0, 147: 0.05, 751: 0.05, 461: 0.2, 851: 0.2, 165: 0.25, 183: 0.2, 169: 0.3, 153: 0.3,
    167: 0.35, 175: 0.35, 187: 0.3, 185: 0.35, 161: 0.35, 163: 0.35, 151: 0.4, 159: 0.3, 621: 0.35,
    630: 0.35, 615: 0.35, 561: 0.4, 746: 0.35, 710: 0.35, 269: 0.35, 253: 0.4,
    825: 1.0, 741: 1.0, 492: 1.0, 563: 0.95, 482: 0.9, 400: 0.8, 360: 0.8, 306: 0.85, 773: 0.75,
    665: 0.75, 671: 0.7, 376: 0.72, 390: 0.72, 336: 0.65, 430: 0.68, 479: 0.62, 707: 0.68,
    706: 0.68, 787: 0.66, 813: 0.7, 550: 0.68, 223: 0.75, 270: 0.72, 260: 0.7, 230: 0.6,
    440: 0.65, 450: 0.6, 420: 0.62, 540: 0.6, 846: 0.6, 820: 0.6, 849: 0.6, 320: 0.6,
    # Midt- og Vestsjælland: old enough on their own to reach the pack's 26.9 % aged 65+.
    330: 0.68, 316: 0.64, 370: 0.66, 329: 0.6, 340: 0.7, 306: 0.9, 326: 0.72, 350: 0.62,
}
# Share aged 0-15 where the default (falling with age) does not fit: cities have few children,
# commuter suburbs many.
CHILD_SHARE = {101: 0.150, 147: 0.145, 751: 0.150, 461: 0.150, 851: 0.152,
               240: 0.195, 190: 0.190, 201: 0.192, 746: 0.195, 710: 0.195, 269: 0.190,
               187: 0.190, 840: 0.192, 766: 0.188, 530: 0.190, 253: 0.185}
# Access to specialists: 1 = inner city, 0 = island.
URBAN = {101: 1.0, 147: 1.0, 157: 0.9, 751: 0.9, 461: 0.8, 851: 0.8, 173: 0.8, 230: 0.7,
         223: 0.7, 265: 0.6, 825: 0.0, 741: 0.0, 492: 0.0, 563: 0.05,
         561: 0.45, 630: 0.45, 621: 0.45, 615: 0.45, 730: 0.45, 657: 0.45, 740: 0.45, 791: 0.45,
         661: 0.45, 370: 0.45, 330: 0.45, 316: 0.45, 219: 0.5, 217: 0.45}
URBAN_DEFAULT = {"Hovedstaden": 0.5}  # other municipalities: 0.25
ISLANDS = (825, 563, 741, 492)


class Indicator:
    """One synthetic indicator: how its municipality rate is drawn and written."""

    def __init__(self, ident, kind, target, scale, base=None, age=0.0, sigma=0.05, drift=0.0,
                 urban=0.0, island=1.0):
        self.ident = ident
        self.kind = kind        # "share" (binomial count), "count" (a number of units) or "value" (value only)
        self.target = target    # level of Sundhedsråd Midt- og Vestsjælland in 2024, in `scale` units
        self.scale = scale      # 100 (pct.), 1_000 or 100_000; 1 for value-only indicators
        self.base = base        # denominator column; i_alt also weights the value-only ones
        self.age = age          # relative effect of one unit of 65+ share above 22 %
        self.sigma = sigma      # municipality effect, log-normal sd
        self.drift = drift      # relative change from 2023 to 2024
        self.urban = urban      # weight of the URBAN index
        self.island = island    # extra factor for the four small islands


INDICATORS = [
    Indicator("ambulant_ophold_pct", "share", 52.0, 100, "i_alt", age=0.6, sigma=0.035, drift=0.01),
    Indicator("indlaeggelse_pct", "share", 10.0, 100, "i_alt", age=1.5, sigma=0.06, drift=-0.01),
    Indicator("aflastning_84_1_pr_1000_65plus", "share", 12.0, 1000, "alder_65plus",
              sigma=0.35, drift=0.03, island=0.55),
    Indicator("midlertidigt_ophold_84_2_pr_1000_65plus", "share", 7.7, 1000, "alder_65plus",
              sigma=0.30, drift=0.02, island=0.5),
    Indicator("dosispakket_medicin_pr_1000_80plus", "share", 92.0, 1000, "alder_80plus",
              sigma=0.18, drift=-0.02),
    Indicator("speciallaege_dermato_pr_1000", "share", 68.0, 1000, "i_alt",
              age=0.3, sigma=0.08, drift=0.02, urban=0.45, island=0.7),
    Indicator("speciallaege_oere_naese_hals_pr_1000", "share", 97.0, 1000, "i_alt",
              age=-0.2, sigma=0.07, drift=0.0, urban=0.2, island=0.8),
    Indicator("udgift_faerdigbehandlede_1000kr_pr_1000", "value", None, 1, "i_alt"),
    Indicator("medicintilskud_regionalt_1000kr_pr_1000", "value", 1474.0, 1, "i_alt",
              age=1.2, sigma=0.05, drift=0.04),
    Indicator("medicintilskud_kommunalt_1000kr_pr_1000", "value", 71.0, 1, "i_alt",
              age=1.0, sigma=0.18, drift=0.02),
    Indicator("speciallaegepraksis_pr_100000", "count", 13.0, 100_000, "i_alt",
              sigma=0.2, urban=1.0, island=0.0),
]
# kronisk_sygdom_pct was the first of INDICATORS and drew the first seed from the master generator.
# It is age-banded now (age_banded_rows), but its seed is still drawn, so that every other indicator
# keeps its seed and its numbers.
RETIRED_SEEDS = ("kronisk_sygdom_pct",)

# --- Age bands (ESP 2013's 19 bands) and the age-banded indicators -------------------------------
AGE_BANDS = [f"{5 * i}-{5 * i + 4}" for i in range(18)] + ["90+"]
# Seeds of their own, from text (random.Random hashes a text seed the same way on every run), so
# that nothing drawn for the files above changes.
AGE_BAND_SEEDS = {"befolkning": f"{SEED}-aldersgrupper-befolkning",
                  "kronisk_sygdom_pct": f"{SEED}-aldersgrupper-kronisk_sygdom_pct",
                  "forebyggelige": f"{SEED}-aldersgrupper-forebyggelige_ophold"}
# The shape of Denmark's population aged 15-64 by band (thousands, about 2025), before each
# municipality's own tilt: cities have more residents in their twenties and early thirties.
SHAPE_15_64 = [345, 380, 400, 370, 350, 350, 380, 410, 400, 360]
# 80+ split into 80-84, 85-89 and 90+ (Denmark about 2025).
SHAPE_80PLUS = [0.58, 0.285, 0.135]
# Share with at least one selected chronic disease by band, before calibration: low among children,
# rising steeply from middle age, about 70 % among the oldest (after calibration 60-70 %).
CHRONIC_BY_BAND = [0.020, 0.030, 0.040, 0.050, 0.060, 0.070, 0.080, 0.100, 0.120, 0.150,
                   0.190, 0.240, 0.310, 0.390, 0.470, 0.560, 0.640, 0.700, 0.740]
CHRONIC_TARGET = 19.2        # the real pack's crude share in Midt- og Vestsjælland, 2024 (pct.)
CHRONIC_DRIFT = 0.012        # relative change 2023 -> 2024, as before
# Preventable acute stays per 1,000 by band 65-69 ... 90+, before calibration: rising steeply with age.
PREVENTABLE_BY_BAND = [22.0, 32.0, 52.0, 88.0, 140.0, 195.0]
PREVENTABLE_ID = "forebyggelige_ophold_aldersstd_pr_1000_65plus"
PREVENTABLE_REAL_ID = "forebyggelige_ophold_pr_1000_65plus"
PREVENTABLE_DRIFT = -0.02    # relative change 2023 -> 2024


# --------------------------------------------------------------------------- input

def read_register():
    path = REPO / "ClusterDefinitions" / "kommuner.csv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    register = [(int(r["kommunekode"]), r["navn"], r["region"]) for r in rows]
    if len(register) != 98:
        sys.exit(f"error: {path} has {len(register)} municipalities, expected 98")
    return sorted(register)


def read_known_totals():
    known = {}
    with open(KNOWN_TOTALS, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f, delimiter=";"):
            known[(int(r["kommunekode"]), int(r["pr_1_januar"]))] = int(r["indbyggere"])
    return known


# --------------------------------------------------------------------------- population

def totals_2023(register, known, rng):
    regions = {code: region for code, _, region in register}
    total = {}
    for code, _, region in register:
        if (code, 2023) in known:
            total[code] = known[(code, 2023)]
        elif (code, 2020) in known:
            # Nordjylland: only 2020 is known. Grow three years.
            rate = 0.011 if code == 851 else -0.010 if code == 825 else rng.uniform(0.002, 0.007)
            total[code] = round(known[(code, 2020)] * (1 + rate) ** 3)
    for missing, gap in ((HOVEDSTADEN_MISSING, HOVEDSTADEN_MISSING_SUM),
                         (MIDTJYLLAND_MISSING, MIDTJYLLAND_MISSING_SUM)):
        residual_code = next(c for c, v in missing.items() if v is None)
        for code, value in missing.items():
            if value is not None:
                total[code] = value
        total[residual_code] = gap - sum(v for v in missing.values() if v is not None)
    unset = [c for c, _, _ in register if c not in total]
    if unset:
        sys.exit(f"error: no 2023 total for {unset}")
    assert all(regions[c] for c in total)
    return total


def population_totals(register, known, rng):
    """i_alt per municipality and year."""
    t23 = totals_2023(register, known, rng)
    totals = {}
    for code, _, _ in register:
        if code in BIG_CITIES:
            g = BIG_CITIES[code]
        elif code in SMALL_ISLANDS:
            g = SMALL_ISLANDS[code]
        elif code in MIDT_VEST_GROWTH:
            g = MIDT_VEST_GROWTH[code]
        else:
            g = rng.triangular(-0.005, 0.012, 0.003)
        g24 = g if code in MIDT_VEST_GROWTH else g + rng.uniform(-0.0015, 0.0015)
        g25 = g if code in MIDT_VEST_GROWTH else g + rng.uniform(-0.0015, 0.0015)
        t24 = known.get((code, 2024))
        t25 = known.get((code, 2025))
        if t24 is None and t25 is not None:
            t24 = round(math.sqrt(t23[code] * t25))      # between two real figures
        if t24 is None:
            t24 = round(t23[code] * (1 + g24))
        if t25 is None:
            t25 = round(t24 * (1 + g25))
        totals[code] = {2023: t23[code], 2024: t24, 2025: t25}
    # Næstved closes the gap to the real council total on 2025-01-01.
    others = sum(totals[c][2025] for c in MIDT_VEST if c != 370)
    t25 = MIDT_VEST_2025["i_alt"] - others
    totals[370][2025] = t25
    totals[370][2024] = round(math.sqrt(totals[370][2023] * t25))
    return totals


def age_profiles(register, totals, rng):
    """Shares per municipality on 2025-01-01: 0-15, 65-67, 65+, 80+, nursing home."""
    prof = {}
    for code, _, _ in register:
        a = OLD_INDEX.get(code)
        if a is None:
            a = rng.uniform(0.35, 0.60)
        p65 = 0.14 + 0.19 * a + rng.gauss(0, 0.006)
        p80 = 0.04 + 0.068 * a + rng.gauss(0, 0.003)
        p6567 = 0.030 + 0.018 * a + rng.gauss(0, 0.001)
        p015 = CHILD_SHARE.get(code, 0.184 - 0.045 * a + rng.gauss(0, 0.005))
        pple = 0.107 * p80 * rng.uniform(0.9, 1.1)
        prof[code] = {"p65": max(0.135, min(p65, 0.345)), "p80": max(0.038, min(p80, 0.112)),
                      "p6567": p6567, "p015": max(0.125, min(p015, 0.195)),
                      "pple": max(0.006, min(pple, 0.010))}
    # Calibrate Midt- og Vestsjælland to the real pack.
    w = {c: totals[c][2025] for c in MIDT_VEST}
    W = sum(w.values())

    def mean(key):
        return sum(prof[c][key] * w[c] for c in MIDT_VEST) / W

    for key, target in (("p65", MIDT_VEST_2025["65plus"]), ("p80", MIDT_VEST_2025["80plus"]),
                        ("pple", MIDT_VEST_2025["plejehjem"])):
        factor = target / mean(key)
        for c in MIDT_VEST:
            prof[c][key] *= factor
    # 16-67 = 1 - (0-15) - (68+), and 68+ = (65+) - (65-67). The pack's 63.7 % and 26.9 % leave
    # little room for children; large 1957-60 cohorts (65-67 about 4.6 %) keep 0-15 near 14 %.
    factor = 0.046 / mean("p6567")
    for c in MIDT_VEST:
        prof[c]["p6567"] *= factor
    share_1667 = 1 - mean("p015") - mean("p65") + mean("p6567")
    shift = share_1667 - MIDT_VEST_2025["16_67"]
    for c in MIDT_VEST:
        prof[c]["p015"] += shift
    return prof


def population_rows(register, totals, prof):
    rows = {}
    for year in YEARS:
        back = 2025 - year
        for code, name, _ in register:
            p = prof[code]
            n = totals[code][year]
            a65 = round(n * (p["p65"] - 0.0025 * back))
            a80 = round(n * (p["p80"] - 0.0018 * back))
            a015 = round(n * (p["p015"] + 0.0012 * back))
            a6567 = round(n * p["p6567"])
            a1667 = n - a015 - (a65 - a6567)
            ple = round(n * p["pple"])
            assert 0 < ple < a80 < a65 < n and a015 + a1667 <= n and a6567 < a65, (code, year)
            rows[(code, year)] = {"kommunekode": code, "kommune": name, "dato": f"{year}-01-01",
                                  "i_alt": n, "alder_0_15": a015, "alder_16_67": a1667,
                                  "alder_65plus": a65, "alder_80plus": a80, "plejehjem": ple}
    return rows


# --------------------------------------------------------------------------- age bands

def largest_remainder(total, weights):
    """Integers proportional to `weights` that sum to `total` exactly (largest remainder)."""
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    parts = [math.floor(x) for x in shares]
    rest = total - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-(shares[i] - parts[i]), i))
    for i in order[:rest]:
        parts[i] += 1
    return parts


def population_bands(register, pop, prof):
    """The population of every municipality and date in ESP 2013's 19 bands.

    The bands sum exactly to i_alt, to alder_65plus from 65-69 and to alder_80plus from 80-84, and
    fit the other groups: 0-14 holds all of alder_0_15 but the 15-year-olds (about 1/16 of it), and
    65-69 holds the 65-67-year-olds that alder_16_67 counts.
    """
    rng = random.Random(AGE_BAND_SEEDS["befolkning"])
    tilt = {}
    for code, _, _ in register:
        # Young adults: +80 % in the youngest municipalities (65+ about 14 %), -50 % in the oldest.
        youth = max(-1.0, min((0.22 - prof[code]["p65"]) / 0.08, 1.0))
        tilt[code] = [rng.uniform(0.95, 1.05) for _ in range(19)] + [youth]
    bands = {}
    for year in YEARS:
        for code, _, _ in register:
            row = pop[(code, year)]
            n, a015, a1667 = row["i_alt"], row["alder_0_15"], row["alder_16_67"]
            a65, a80 = row["alder_65plus"], row["alder_80plus"]
            a6567 = a1667 + a015 + a65 - n            # as population_rows made alder_16_67
            jitter, youth = tilt[code][:19], tilt[code][19]
            fifteen = round(a015 / 16 * rng.uniform(0.95, 1.05))
            young = largest_remainder(a015 - fifteen, [0.31 * jitter[0], 0.33 * jitter[1], 0.36 * jitter[2]])
            shape = [w * jitter[3 + i] * (1 + (0.8 if youth > 0 else 0.5) * youth if 1 <= i <= 3 else 1)
                     * (1 - 0.3 * youth if i >= 7 else 1) for i, w in enumerate(SHAPE_15_64)]
            middle = largest_remainder(n - a65 - (a015 - fifteen), shape)
            old = a65 - a80
            first = min(max(a6567 + 1, round(a6567 * 5 / 3 * rng.uniform(0.97, 1.03))), old // 2)
            rest = largest_remainder(old - first, [0.52 * jitter[14], 0.48 * jitter[15]])
            oldest = largest_remainder(a80, [w * jitter[16 + i] for i, w in enumerate(SHAPE_80PLUS)])
            counts = young + middle + [first] + rest + oldest
            assert len(counts) == 19 and sum(counts) == n and min(counts) >= 0, (code, year)
            assert sum(counts[13:]) == a65 and sum(counts[16:]) == a80, (code, year)
            assert sum(counts[:3]) <= a015 <= sum(counts[:4]), (code, year)
            assert sum(counts[4:13]) <= a1667 <= sum(counts[3:14]), (code, year)
            bands[(code, year)] = counts
    return bands


def poisson(rng, mean):
    """A Poisson draw: by multiplying uniforms for small means, the normal approximation above 50."""
    if mean <= 0:
        return 0
    if mean > 50:
        return max(0, round(mean + math.sqrt(mean) * rng.gauss(0, 1)))
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


def read_real_preventable():
    """The real preventable acute stays per 1,000 aged 65+ per municipality, 2023 (standardised)."""
    path = REPO / "Data" / "indikatorer" / "nationale-maal-2024-kommuner.csv"
    with open(path, encoding="utf-8", newline="") as f:
        return {int(r["kommunekode"]): float(r["vaerdi"].replace(",", "."))
                for r in csv.DictReader(f, delimiter=";")
                if r["indikator"] == PREVENTABLE_REAL_ID and r["periode"] == "2023" and r["vaerdi"]}


def chronic_rows(register, bands):
    """Persons with at least one selected chronic disease, by band, 2023 and 2024.

    Each municipality has its own level (log-normal, sd 5 %) on top of the age profile; the profile is
    scaled so that the crude share of Sundhedsråd Midt- og Vestsjælland in 2024 is the real pack's
    19.2 %, and the council's count is then nudged onto it exactly.
    """
    rng = random.Random(AGE_BAND_SEEDS["kronisk_sygdom_pct"])
    level = {code: math.exp(rng.gauss(0, 0.05)) for code, _, _ in register}
    expected = sum(level[c] * p * bands[(c, 2024)][i] for c in MIDT_VEST for i, p in enumerate(CHRONIC_BY_BAND))
    persons = sum(sum(bands[(c, 2024)]) for c in MIDT_VEST)
    k = CHRONIC_TARGET / 100 * persons / expected
    counts = {}
    for code, _, _ in register:
        for year in PERIODS:
            drift = 1 / (1 + CHRONIC_DRIFT) if year == 2023 else 1.0
            noise = math.exp(rng.gauss(0, 0.01))
            counts[(code, year)] = [binomial(rng, n, min(0.95, k * p * level[code] * drift * noise))
                                    for n, p in zip(bands[(code, year)], CHRONIC_BY_BAND)]
    # Onto the target: the difference spread over the council's bands in proportion to their counts.
    goal = round(CHRONIC_TARGET / 100 * persons)
    cells = [(c, i) for c in MIDT_VEST for i in range(19)]
    have = sum(counts[(c, 2024)][i] for c, i in cells)
    diff = goal - have
    steps = largest_remainder(abs(diff), [counts[(c, 2024)][i] for c, i in cells]) if diff else [0] * len(cells)
    for (c, i), step in zip(cells, steps):
        value = counts[(c, 2024)][i] + (step if diff > 0 else -step)
        counts[(c, 2024)][i] = min(max(value, 0), bands[(c, 2024)][i])
    return counts


def preventable_rows(register, bands):
    """Preventable acute stays among residents aged 65+, by band 65-69 ... 90+, 2023 and 2024.

    Each municipality's level is its real 2023 rate relative to the real country's (the national
    goals report, age-standardised), times the age profile; the profile is scaled so that the crude
    country rate in 2023 equals the real country rate (the real rates weighted by the residents aged
    65+). Counts are Poisson around the expected number, with a small yearly noise.
    """
    rng = random.Random(AGE_BAND_SEEDS["forebyggelige"])
    real = read_real_preventable()
    codes = [code for code, _, _ in register]
    missing = [c for c in codes if c not in real]
    if missing:
        sys.exit(f"error: no real {PREVENTABLE_REAL_ID} 2023 for {missing}")
    old = {c: sum(bands[(c, 2023)][13:]) for c in codes}
    country = sum(real[c] * old[c] for c in codes) / sum(old.values())
    expected = sum(real[c] / country * r * n for c in codes
                   for r, n in zip(PREVENTABLE_BY_BAND, bands[(c, 2023)][13:])) / 1000
    k = country * sum(old.values()) / 1000 / expected
    counts = {}
    for code in codes:
        for year in PERIODS:
            drift = 1.0 if year == 2023 else 1 + PREVENTABLE_DRIFT
            noise = math.exp(rng.gauss(0, 0.03))
            counts[(code, year)] = [poisson(rng, k * r / 1000 * real[code] / country * drift * noise * n)
                                    for r, n in zip(PREVENTABLE_BY_BAND, bands[(code, year)][13:])]
    return counts, country


def age_banded_rows(register, bands):
    names = {code: name for code, name, _ in register}
    chronic = chronic_rows(register, bands)
    preventable, _ = preventable_rows(register, bands)
    rows = []
    for ident, counts, first in (("kronisk_sygdom_pct", chronic, 0), (PREVENTABLE_ID, preventable, 13)):
        for year in PERIODS:
            for code, _, _ in register:
                for i, count in enumerate(counts[(code, year)]):
                    rows.append((code, names[code], ident, year, AGE_BANDS[first + i], count))
    return rows


# --------------------------------------------------------------------------- indicators

def binomial(rng, n, p):
    """Binomial draw: exact for small n, normal approximation for large n."""
    p = min(max(p, 0.0), 1.0)
    if n <= 5000:
        return sum(1 for _ in range(n) if rng.random() < p)
    x = round(n * p + math.sqrt(n * p * (1 - p)) * rng.gauss(0, 1))
    return min(max(x, 0), n)


def stochastic_round(rng, x):
    """An integer near x: floor(x) or floor(x) + 1, with the right mean (less spread than Poisson)."""
    return max(0, math.floor(x + rng.random()))


def urban_index(code, region):
    return URBAN.get(code, URBAN_DEFAULT.get(region, 0.25))


def relative_rates(ind, register, prof, rng):
    """Municipality rate relative to an arbitrary base, before calibration."""
    rel = {}
    for code, _, region in register:
        r = math.exp(rng.gauss(0, ind.sigma))
        r *= max(0.2, 1 + ind.age * (prof[code]["p65"] - 0.22))
        r *= 1 + ind.urban * (urban_index(code, region) - 0.25)
        if code in ISLANDS:
            r *= ind.island
        rel[code] = max(r, 0.0)
    return rel


def calibrate(ind, rel, pop):
    """Scale so that the council level of Midt- og Vestsjælland in 2024 equals the target."""
    num = sum(rel[c] * pop[(c, 2024)][ind.base] for c in MIDT_VEST)
    den = sum(pop[(c, 2024)][ind.base] for c in MIDT_VEST)
    return ind.target / (num / den)


def nudge_to_target(ind, values):
    """Make the 2024 council level of Midt- og Vestsjælland hit the pack's figure after rounding.

    The random draws leave it a little off; the difference is spread over the council's
    municipalities in proportion to their counts (largest remainder), at most a few per cent.
    """
    counts = {c: values[(c, 2024)][0] for c in MIDT_VEST}
    dens = {c: values[(c, 2024)][1] for c in MIDT_VEST}
    goal = round(ind.target / ind.scale * sum(dens.values()))
    diff = goal - sum(counts.values())
    total = sum(counts.values()) or 1
    shares = {c: diff * counts[c] / total for c in MIDT_VEST}
    step = {c: math.trunc(shares[c]) for c in MIDT_VEST}
    rest = diff - sum(step.values())
    order = sorted(MIDT_VEST, key=lambda c: (-abs(shares[c] - step[c]), c))
    for c in order[:abs(rest)]:
        step[c] += 1 if rest > 0 else -1
    for c in MIDT_VEST:
        values[(c, 2024)] = (min(max(counts[c] + step[c], 0), dens[c]), dens[c])


def decimal_comma(x):
    s = f"{x:.1f}"
    return "0,0" if s in ("-0.0", "0.0") else s.replace(".", ",")


def indicator_rows(register, pop, prof, rng_for):
    rows = []
    for ind in INDICATORS:
        rng = rng_for(ind.ident)
        values = {}
        if ind.ident.startswith("udgift_faerdigbehandlede"):
            # Net expenses after the state's refund (distributed by population): many
            # municipalities end up near zero or negative, a few high.
            for code, _, _ in register:
                level = max(-8.0, min(rng.gauss(4.0, 6.5), 22.0))
                for year in PERIODS:
                    v = level + rng.gauss(0, 2.0)
                    if v < -7.0:                      # approach -10 smoothly instead of piling up
                        v = -7.0 - 3.0 * (1 - math.exp((v + 7.0) / 3.0))
                    values[(code, year)] = min(v, 30.0)
            for c in MIDT_VEST:                       # Odsherred is the council's highest in 2024
                values[(c, 2024)] = min(values[(c, 2024)], 23.5)
            values[(306, 2024)] = 26.6
            values[(306, 2023)] = 22.8
        else:
            rel = relative_rates(ind, register, prof, rng)
            k = calibrate(ind, rel, pop)
            for code, _, _ in register:
                rate24 = rel[code] * k / ind.scale
                rate23 = rate24 / (1 + ind.drift) * math.exp(rng.gauss(0, 0.02))
                for year, rate in ((2023, rate23), (2024, rate24)):
                    n = pop[(code, year)][ind.base]
                    if ind.kind == "value":
                        values[(code, year)] = rate
                    elif ind.kind == "share":
                        values[(code, year)] = (binomial(rng, n, rate), n)
                    else:
                        values[(code, year)] = (stochastic_round(rng, rate * n), n)
            if ind.kind == "count":
                # Practices change little from one year to the next: 2024 = 2023 ± 1 now and then.
                for code, _, _ in register:
                    count23, _ = values[(code, 2023)]
                    step = rng.choices((-1, 0, 1), (0.12, 0.76, 0.12))[0] if count23 else 0
                    values[(code, 2024)] = (max(0, count23 + step), values[(code, 2024)][1])
            if ind.kind != "value":
                nudge_to_target(ind, values)
        for year in PERIODS:
            for code, name, _ in register:
                v = values[(code, year)]
                if ind.kind == "value":
                    rows.append((code, name, ind.ident, year, decimal_comma(v), "", ""))
                else:
                    rows.append((code, name, ind.ident, year, "", str(int(v[0])), str(int(v[1]))))
    return rows


# --------------------------------------------------------------------------- added indicators
#
# The indicators below were added after the ones above. Each group has its own function, its own
# random generator seeded from a fixed name (own_rng) and its own output file, so that adding or
# changing one of them never moves a single draw of the indicators above or of each other: the
# files written before stay byte-identical. They read the population and age profiles above, which
# they do not change. Their levels are our estimates of the real national magnitudes; Data/README.md
# says where each comes from.

NATIONAL_P65 = 0.213    # share aged 65+ of the whole country on 2024-01-01 in befolkning-syntetisk.csv


def own_rng(name):
    """A generator of its own for one group of added indicators (seeded by name, not by draw order)."""
    return random.Random(f"{SEED}-{name}")


class Added:
    """An added indicator: national level in 2024 (per `scale`), and how municipalities differ."""

    def __init__(self, ident, level, scale, base, age=0.0, sigma=0.08, drift=0.0, urban=0.0,
                 island=1.0, region=None):
        self.ident = ident
        self.level = level      # the country's level in 2024, in `scale` units
        self.scale = scale
        self.base = base        # denominator column of the population
        self.age = age          # elasticity of the rate to the municipality's share aged 65+
        self.sigma = sigma      # municipality effect, log-normal sd
        self.drift = drift      # relative change from 2023 to 2024
        self.urban = urban      # weight of the URBAN index
        self.island = island    # extra factor for the four small islands
        self.region = region or {}   # extra factor per region


def added_relative_rates(ind, register, prof, rng):
    rel = {}
    for code, _, region in register:
        r = math.exp(rng.gauss(0, ind.sigma))
        r *= (prof[code]["p65"] / NATIONAL_P65) ** ind.age
        r *= 1 + ind.urban * (urban_index(code, region) - 0.25)
        r *= ind.region.get(region, 1.0)
        if code in ISLANDS:
            r *= ind.island
        rel[code] = r
    return rel


def added_rates(ind, register, pop, prof, rng):
    """Rate per person (not per `scale`) per municipality and period; the country hits `level` in 2024."""
    rel = added_relative_rates(ind, register, prof, rng)
    num = sum(rel[c] * pop[(c, 2024)][ind.base] for c, _, _ in register)
    den = sum(pop[(c, 2024)][ind.base] for c, _, _ in register)
    k = ind.level / ind.scale / (num / den)
    rates = {}
    for code, _, _ in register:
        rate24 = rel[code] * k
        rate23 = rate24 / (1 + ind.drift) * math.exp(rng.gauss(0, 0.02))
        rates[(code, 2023)] = rate23
        rates[(code, 2024)] = rate24
    return rates


def share_rows(indicators, register, pop, prof, rng):
    """Persons among the base (binomial counts) for each indicator, period and municipality."""
    rows = []
    for ind in indicators:
        rates = added_rates(ind, register, pop, prof, rng)
        for year in PERIODS:
            for code, name, _ in register:
                n = pop[(code, year)][ind.base]
                rows.append((code, name, ind.ident, year, "", str(binomial(rng, n, rates[(code, year)])), str(n)))
    return rows


# The diseases of Register for Udvalgte Kroniske Sygdomme og svære psykiske lidelser (RUKS), as a
# share of all residents. Levels: our reading of the published national magnitudes (Data/README.md);
# `age` makes older municipalities higher (dementia, heart failure and osteoporosis most).
CHRONIC = [
    Added("kronisk_type2_diabetes_pct", 5.0, 100, "i_alt", age=0.8, sigma=0.07, drift=0.03),
    Added("kronisk_type1_diabetes_pct", 0.5, 100, "i_alt", age=0.0, sigma=0.06, drift=0.01),
    Added("kronisk_kol_pct", 3.0, 100, "i_alt", age=1.1, sigma=0.10, drift=0.0, region={"Hovedstaden": 0.95}),
    Added("kronisk_astma_pct", 6.5, 100, "i_alt", age=-0.1, sigma=0.06, drift=0.015),
    Added("kronisk_leddegigt_pct", 0.8, 100, "i_alt", age=0.7, sigma=0.08, drift=0.01),
    Added("kronisk_osteoporose_pct", 3.0, 100, "i_alt", age=1.3, sigma=0.09, drift=0.03),
    Added("kronisk_hjertesvigt_pct", 1.0, 100, "i_alt", age=1.3, sigma=0.09, drift=0.02),
    Added("kronisk_demens_pct", 0.7, 100, "i_alt", age=1.6, sigma=0.10, drift=0.01),
]


def chronic_disease_rows(register, pop, prof):
    return share_rows(CHRONIC, register, pop, prof, own_rng("kroniske-sygdomme"))


# Staff with a health education in the municipality's care for the elderly and health services, per
# 1.000 aged 65+ (persons employed, not full-time equivalents). Municipalities with many 80+ need more;
# the small islands have more per resident (a minimum staff); contracted private providers are not counted.
STAFF = [
    Added("sygeplejersker_pr_1000_65plus", 7.5, 1000, "alder_65plus", age=-0.3, sigma=0.14, drift=0.03, island=1.3),
    Added("sosu_assistenter_pr_1000_65plus", 26.0, 1000, "alder_65plus", age=-0.2, sigma=0.12, drift=0.01, island=1.2),
    Added("fysio_ergoterapeuter_pr_1000_65plus", 6.0, 1000, "alder_65plus", age=-0.4, sigma=0.16, drift=0.02, island=1.4),
]


def staff_rows(register, pop, prof):
    rng = own_rng("sundhedsuddannede")
    rows = []
    for ind in STAFF:
        rates = added_rates(ind, register, pop, prof, rng)
        for year in PERIODS:
            for code, name, _ in register:
                n = pop[(code, year)][ind.base]
                # The oldest populations have relatively more aged 80+, who need the most care.
                need = (pop[(code, year)]["alder_80plus"] / n / 0.31) ** 0.5
                count = stochastic_round(rng, rates[(code, year)] * need * n)
                rows.append((code, name, ind.ident, year, "", str(count), str(n)))
    return rows


# General practice: doctors (practice owners with a ydernummer and doctors of regional clinics) and the
# patients listed with the municipality's practices. About 6.0 doctors per 10.000 residents nationally
# (about 1.670 listed patients per doctor); Region Sjælland has the lowest coverage.
GP_PER_10000 = 6.0
GP_REGION = {"Sjælland": 0.92, "Hovedstaden": 1.07, "Nordjylland": 0.95}


def general_practice_rows(register, pop):
    rng = own_rng("almen-praksis")
    rel = {}
    for code, _, region in register:
        r = math.exp(rng.gauss(0, 0.10)) * GP_REGION.get(region, 1.0) * (1 + 0.15 * (urban_index(code, region) - 0.25))
        rel[code] = r
    num = sum(rel[c] * pop[(c, 2024)]["i_alt"] for c, _, _ in register)
    den = sum(pop[(c, 2024)]["i_alt"] for c, _, _ in register)
    k = GP_PER_10000 / 10_000 / (num / den)
    doctors, patients = {}, {}
    for code, _, _ in register:
        n23 = pop[(code, 2023)]["i_alt"]
        doctors[(code, 2023)] = max(1, round(rel[code] * k * n23 * math.exp(rng.gauss(0, 0.02))))
        # Doctors come and go one at a time; every municipality has at least one.
        step = rng.choices((-1, 0, 1), (0.15, 0.65, 0.20))[0]
        doctors[(code, 2024)] = max(1, doctors[(code, 2023)] + step)
        # Listed patients: mostly the municipality's residents, some from neighbouring municipalities.
        listing = rng.uniform(0.94, 1.04)
        for year in PERIODS:
            patients[(code, year)] = round(pop[(code, year)]["i_alt"] * listing * rng.uniform(0.995, 1.005))
    rows = []
    for year in PERIODS:
        for code, name, _ in register:
            rows.append((code, name, "almen_praksis_laeger_pr_10000", year, "",
                         str(doctors[(code, year)]), str(pop[(code, year)]["i_alt"])))
    for year in PERIODS:
        for code, name, _ in register:
            rows.append((code, name, "almen_praksis_patienter_pr_laege", year, "",
                         str(patients[(code, year)]), str(doctors[(code, year)])))
    return rows


# The specialties of speciallægepraksis with a ydernummer: (indicator suffix, persons with a contact
# per 1.000 residents nationally in 2024, share of the practices, age elasticity of the contacts,
# urban weight). Dermato-venerologi and øre-næse-hals have their contacts above (INDICATORS) and keep
# them; their practices are split here like the others'.
SPECIALTIES = [
    ("anaestesiologi", 4.0, 0.023, 0.4, 0.6),
    ("boerne_ungdomspsykiatri", 2.5, 0.021, -1.0, 0.8),
    ("dermato", None, 0.105, 0.3, 0.45),
    ("radiologi", 10.0, 0.013, 0.5, 1.6),
    ("gynaekologi", 32.0, 0.099, -0.3, 0.4),
    ("intern_medicin", 11.0, 0.053, 0.9, 0.7),
    ("kirurgi", 9.0, 0.035, 0.5, 0.6),
    ("neurologi", 7.0, 0.029, 0.4, 0.7),
    ("oftalmologi", 125.0, 0.175, 0.7, 0.3),
    ("ortopaedkirurgi", 16.0, 0.058, 0.3, 0.5),
    ("oere_naese_hals", None, 0.146, -0.2, 0.2),
    ("plastikkirurgi", 3.0, 0.014, 0.2, 1.0),
    ("psykiatri", 9.0, 0.152, -0.6, 0.9),
    ("paediatri", 8.0, 0.029, -1.2, 0.6),
    ("reumatologi", 8.0, 0.048, 0.7, 1.1),
]


def specialty_contact_rows(register, pop, prof):
    rng = own_rng("speciallaeger-kontakter")
    contacts = [Added(f"speciallaege_{suffix}_pr_1000", level, 1000, "i_alt", age=age, sigma=0.10,
                      drift=0.01, urban=urban, island=0.6)
                for suffix, level, _, age, urban in SPECIALTIES if level is not None]
    return share_rows(contacts, register, pop, prof, rng)


def specialty_practice_rows(register, pop, ind_rows):
    """Splits each municipality's practices (speciallaegepraksis_pr_100000 above) over the specialties.

    The specialties' counts add up to the total in every municipality and period. 2023 is a
    multinomial draw (the rarer specialties more likely in cities); in 2024 a practice that came is
    given a specialty, and one that closed is taken from a specialty that has one.
    """
    rng = own_rng("speciallaeger-praksis")
    total = {(r[0], r[3]): int(r[5]) for r in ind_rows if r[2] == "speciallaegepraksis_pr_100000"}
    suffixes = [s[0] for s in SPECIALTIES]
    counts = {}
    for code, _, region in register:
        city = urban_index(code, region)
        weights = [share * (1 + urban * (city - 0.25)) for _, _, share, _, urban in SPECIALTIES]
        split = [0] * len(suffixes)
        for _ in range(total[(code, 2023)]):
            split[rng.choices(range(len(suffixes)), weights)[0]] += 1
        counts[(code, 2023)] = list(split)
        change = total[(code, 2024)] - total[(code, 2023)]
        for _ in range(abs(change)):
            if change > 0:
                split[rng.choices(range(len(suffixes)), weights)[0]] += 1
            else:
                split[rng.choices(range(len(suffixes)), split)[0]] -= 1
        counts[(code, 2024)] = split
    rows = []
    for index, suffix in enumerate(suffixes):
        for year in PERIODS:
            for code, name, _ in register:
                assert sum(counts[(code, year)]) == total[(code, year)]
                rows.append((code, name, f"speciallaegepraksis_{suffix}_pr_100000", year, "",
                             str(counts[(code, year)][index]), str(pop[(code, year)]["i_alt"])))
    return rows


def added_summary(pop, files):
    """Country and Midt- og Vestsjælland in 2024, and the cells under 5, for the added files."""
    out = ["Added indicators, 2024 (sum/sum; country and Midt- og Vestsjælland):"]
    scale = {"pct": 100, "1000": 1000, "10000": 10_000, "100000": 100_000, "laege": 1}
    for name, rows in files:
        out.append(f"  {name}")
        for ident in dict.fromkeys(r[2] for r in rows):
            s = 1
            for suffix, value in scale.items():
                if ident.endswith(suffix) or ident.endswith(suffix + "_65plus"):
                    s = value
            mine = [r for r in rows if r[2] == ident and r[3] == 2024]
            t, d = sum(int(r[5]) for r in mine), sum(int(r[6]) for r in mine)
            mv = [r for r in mine if r[0] in MIDT_VEST]
            tm, dm = sum(int(r[5]) for r in mv), sum(int(r[6]) for r in mv)
            small = sum(1 for r in rows if r[2] == ident and int(r[5]) < 5)
            out.append(f"    {ident:44s} country {t / d * s:8.2f}   Midt-Vest {tm / dm * s:8.2f}   cells < 5: {small}")
    return "\n".join(out)


# --------------------------------------------------------------------------- output

def write_csv(path, header, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(";".join(header) + "\n")
        for row in rows:
            f.write(";".join(str(x) for x in row) + "\n")


def summary(pop, ind_rows):
    out = []
    n = {k: sum(pop[(c, 2025)][k] for c in MIDT_VEST)
         for k in ("i_alt", "alder_0_15", "alder_16_67", "alder_65plus", "alder_80plus", "plejehjem")}
    pct = {k: 100 * v / n["i_alt"] for k, v in n.items()}
    out.append("Sundhedsråd Midt- og Vestsjælland, 2025-01-01 (target: 416,350; 63.7 / 26.9 / 7.5 / 0.8 %):")
    out.append(f"  residents {n['i_alt']:,}; 16-67 {pct['alder_16_67']:.2f} %; 65+ {pct['alder_65plus']:.2f} %; "
               f"80+ {pct['alder_80plus']:.2f} %; plejehjem {pct['plejehjem']:.2f} %; 0-15 {pct['alder_0_15']:.2f} %")
    out.append("Council level 2024 (count indicators: sum/sum x scale; value indicators: weighted by i_alt):")
    for ind in INDICATORS:
        rows = [r for r in ind_rows if r[2] == ind.ident and r[3] == 2024 and r[0] in MIDT_VEST]
        if ind.kind == "value":
            w = {c: pop[(c, 2024)]["i_alt"] for c in MIDT_VEST}
            v = sum(float(r[4].replace(",", ".")) * w[r[0]] for r in rows) / sum(w.values())
            hi = max(rows, key=lambda r: float(r[4].replace(",", ".")))
            out.append(f"  {ind.ident:42s} {v:9.1f}   (target {ind.target or 'none given'}; highest {hi[1]} {hi[4]})")
        else:
            t, d = sum(int(r[5]) for r in rows), sum(int(r[6]) for r in rows)
            out.append(f"  {ind.ident:42s} {t / d * ind.scale:9.2f}   (target {ind.target}; {t:,}/{d:,})")
    out.append("Municipality-period cells with taeller < 5 (of 196 per indicator):")
    for ind in INDICATORS:
        if ind.kind == "value":
            continue
        small = [r for r in ind_rows if r[2] == ind.ident and int(r[5]) < 5]
        names = ", ".join(f"{r[1]} {r[3]}: {r[5]}" for r in small)
        out.append(f"  {ind.ident:42s} {len(small):3d}  {names}")
    return "\n".join(out)


def age_band_summary(register, bands, banded):
    codes = [code for code, _, _ in register]
    out = []
    country = [sum(bands[(c, 2025)][i] for c in codes) for i in range(19)]
    out.append("Denmark 2025-01-01 by age band (the standard population of kronisk_sygdom_pct): "
               + ", ".join(f"{b} {n:,}" for b, n in zip(AGE_BANDS, country)))
    for ident, first in (("kronisk_sygdom_pct", 0), (PREVENTABLE_ID, 13)):
        scale = 100 if ident == "kronisk_sygdom_pct" else 1000
        for year in PERIODS:
            rows = [r for r in banded if r[2] == ident and r[3] == year]
            by_band = {}
            for r in rows:
                by_band.setdefault(r[4], [0, 0])[0] += r[5]
            for c in codes:
                for i in range(first, 19):
                    by_band[AGE_BANDS[i]][1] += bands[(c, year)][i]
            t = sum(v[0] for v in by_band.values())
            d = sum(v[1] for v in by_band.values())
            mv = [r for r in rows if r[0] in MIDT_VEST]
            mv_t = sum(r[5] for r in mv)
            mv_d = sum(bands[(c, year)][i] for c in MIDT_VEST for i in range(first, 19))
            small = sorted({r[1] for r in rows if sum(x[5] for x in rows if x[0] == r[0]) < 10})
            out.append(f"{ident} {year}: country crude {t / d * scale:.2f} ({t:,}/{d:,}); Midt- og Vestsjælland "
                       f"crude {mv_t / mv_d * scale:.2f}; by band " + ", ".join(
                           f"{b} {v[0] / v[1] * scale:.1f}" for b, v in by_band.items())
                       + f"; municipalities with < 10 events: {', '.join(small) or 'none'}")
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quiet", action="store_true", help="do not print the calibration summary")
    args = parser.parse_args()

    register = read_register()
    known = read_known_totals()

    master = random.Random(SEED)
    rng_pop = random.Random(master.getrandbits(64))
    rng_age = random.Random(master.getrandbits(64))
    ind_seeds = {ident: master.getrandbits(64) for ident in RETIRED_SEEDS + tuple(ind.ident for ind in INDICATORS)}

    totals = population_totals(register, known, rng_pop)
    prof = age_profiles(register, totals, rng_age)
    pop = population_rows(register, totals, prof)
    pop_header = ["kommunekode", "kommune", "dato", "i_alt", "alder_0_15", "alder_16_67",
                  "alder_65plus", "alder_80plus", "plejehjem", "datagrundlag"]
    pop_out = [[pop[(c, y)][k] for k in pop_header[:-1]] + ["syntetisk"]
               for y in YEARS for c, _, _ in register]
    write_csv(REPO / "Data" / "befolkning" / "befolkning-syntetisk.csv", pop_header, pop_out)

    ind_rows = indicator_rows(register, pop, prof, lambda ident: random.Random(ind_seeds[ident]))
    write_csv(REPO / "Data" / "indikatorer" / "syntetiske-indikatorer.csv",
              ["kommunekode", "kommune", "indikator", "periode", "vaerdi", "taeller", "naevner",
               "datagrundlag"],
              [list(r) + ["syntetisk"] for r in ind_rows])

    bands = population_bands(register, pop, prof)
    write_csv(REPO / "Data" / "befolkning" / "befolkning-aldersgrupper-syntetisk.csv",
              ["kommunekode", "kommune", "dato", "aldersgruppe", "antal", "datagrundlag"],
              [[c, n, f"{y}-01-01", AGE_BANDS[i], bands[(c, y)][i], "syntetisk"]
               for y in YEARS for c, n, _ in register for i in range(19)])
    banded = age_banded_rows(register, bands)
    write_csv(REPO / "Data" / "indikatorer" / "syntetiske-aldersfordelte.csv",
              ["kommunekode", "kommune", "indikator", "periode", "aldersgruppe", "taeller", "datagrundlag"],
              [list(r) + ["syntetisk"] for r in banded])
    header = ["kommunekode", "kommune", "indikator", "periode", "vaerdi", "taeller", "naevner", "datagrundlag"]
    added = [
        ("syntetiske-kroniske-sygdomme.csv", chronic_disease_rows(register, pop, prof)),
        ("syntetiske-sundhedsuddannede.csv", staff_rows(register, pop, prof)),
        ("syntetiske-almen-praksis.csv", general_practice_rows(register, pop)),
        ("syntetiske-speciallaegepraksis.csv",
         specialty_contact_rows(register, pop, prof) + specialty_practice_rows(register, pop, ind_rows)),
    ]
    for name, rows in added:
        write_csv(REPO / "Data" / "indikatorer" / name, header, [list(r) + ["syntetisk"] for r in rows])
    if not args.quiet:
        print(summary(pop, ind_rows))
        print(age_band_summary(register, bands, banded))
        print(added_summary(pop, added))


if __name__ == "__main__":
    main()
