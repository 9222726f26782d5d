"""An independent computation of a council's similar councils from the shipped CSV files.

Written apart from the Swift engine, from the method in docs/similar-councils.md: each council's
share aged 65+, share aged 80+, share with a chronic disease and share in a nursing home (sums of its
municipalities' counts, latest date or year in the files) and its number of residents on a log scale;
every variable standardised to a z-score over the councils (sample standard deviation); the distance
is the Euclidean distance of the z-scores with weight 1 each; the nearest first, ties by id.

Usage: python3 similar_councils_oracle.py ROOT DEFINITIONS.yaml COUNCIL K
Prints JSON: {"neighbours": [{"id": …, "distance": …}, …], "profile": {id: [values…]}}.
"""

import csv
import json
import math
import re
import sys

root, definitions, council, k = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])


def rows(path):
    with open(path, encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


population = rows(f"{root}/Data/befolkning/befolkning-syntetisk.csv")
latest = max(row["dato"] for row in population)
people = {int(row["kommunekode"]): row for row in population if row["dato"] == latest}

# The chronic-disease share is counted by age band (it is age-standardised in the pack); the profile
# uses its crude share: the events of all bands over the residents on 1 January of the period's year.
chronic_rows = [
    row for row in rows(f"{root}/Data/indikatorer/syntetiske-aldersfordelte.csv") if row["indikator"] == "kronisk_sygdom_pct"
]
chronic_year = max(row["periode"] for row in chronic_rows)
residents = {
    int(row["kommunekode"]): float(row["i_alt"]) for row in population if row["dato"] == f"{chronic_year}-01-01"
}
events = {}
for row in chronic_rows:
    if row["periode"] == chronic_year:
        code = int(row["kommunekode"])
        events[code] = events.get(code, 0.0) + float(row["taeller"])
chronic = {code: (count, residents[code]) for code, count in events.items()}

# The councils and their municipality codes, read from the YAML by its layout ("- id:" then "kode:").
councils = {}
current = None
with open(f"{root}/{definitions}", encoding="utf-8") as handle:
    for line in handle:
        match = re.match(r"\s*- id: (\S+)", line)
        if match:
            current = match.group(1)
            councils[current] = []
            continue
        match = re.search(r"kode: (\d+)", line)
        if match and current:
            councils[current].append(int(match.group(1)))


def profile(codes):
    total = sum(float(people[c]["i_alt"]) for c in codes)
    share = lambda group: sum(float(people[c][group]) for c in codes) / total * 100
    sick = sum(chronic[c][0] for c in codes) / sum(chronic[c][1] for c in codes) * 100
    return [share("alder_65plus"), share("alder_80plus"), sick, share("plejehjem"), math.log(total)]


values = {id: profile(codes) for id, codes in councils.items()}
columns = list(zip(*values.values()))
means = [sum(column) / len(column) for column in columns]
deviations = [math.sqrt(sum((x - m) ** 2 for x in column) / (len(column) - 1)) for column, m in zip(columns, means)]
scores = {id: [(x - m) / s for x, m, s in zip(row, means, deviations)] for id, row in values.items()}
distances = sorted(
    (math.sqrt(sum((a - b) ** 2 for a, b in zip(scores[council], scores[other]))), other) for other in councils if other != council
)
print(
    json.dumps(
        {
            "neighbours": [{"id": id, "distance": distance} for distance, id in distances[:k]],
            "profile": {id: [values[id][0], values[id][1], values[id][2], values[id][3], math.exp(values[id][4])] for id in values},
        }
    )
)
