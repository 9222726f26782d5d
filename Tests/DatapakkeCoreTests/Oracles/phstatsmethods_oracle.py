#!/usr/bin/env python3
"""PHStatsMethods as an oracle for datapakke's statistics (Sources/DatapakkeCore/Statistics/).

Reads {"cases": [...]} as JSON on standard input and prints {"results": [...]} as JSON on standard
output, one result per case with the case's "id", every interval at 95 % and 99.8 % (a NaN as null,
an infinity as the string "Infinity", which Swift's JSONDecoder reads with convertFromString). Run by
Tests/DatapakkeCoreTests/StatisticsTests.swift with the project's .venv/ (Tools/setup.sh test
installs PHStatsMethods and its pinned needs from Tools/requirements-test.txt).

Case kinds (numbers are floats; "multiplier" a whole number):
  proportion        numerator, denominator, multiplier        ph_proportion (Wilson)
  rate              events, denominator, multiplier           ph_rate (exact below 10 events, else Byar);
                                                              0 events: exact_upper, lower null (see below)
  exact             events, denominator, multiplier           exact_lower / exact_upper (chi-square)
  byar              events (>= 10), denominator, multiplier   byars_lower / byars_upper
  dsr               events[], populations[], standard[], multiplier   ph_dsr (Dobson), no ESP join; with bands[]
                                                              (ESP 2013 labels such as "65-69", "90+") instead
                                                              of standard[], the weights are PHStatsMethods' own
                                                              euro_standard_pop() for those bands
  espWeights        (nothing)                                 euro_standard_pop(): "bands" and "weights"
  funnelProportion  target, denominator, multiplier           sigma_adjustment, unclipped
  funnelProportionTable  numerators[], denominators[]         calculate_funnel_limits('proportion', 100)
  funnelRate        target, multiplier, events[]              for each event count x: the denominators at
                                                              which x is a limit, from exact_lower /
                                                              exact_upper ("exact") and, for whole counts up
                                                              to 2,000, from poisson_funnel's bisection
                                                              ("bisection")
  funnelRateTable   numerators[], denominators[], multiplier  calculate_funnel_limits('rate', 'crude', 1 year)
  funnelRateAt      target, denominator, multiplier           the rate limits at one denominator: the event
                                                              counts x whose exact_lower (upper limit) and
                                                              exact_upper (lower limit) are the expected
                                                              count, found by SciPy's brentq; the lower
                                                              limit is 0 while exact_upper(0) is above it
  newcombe          latest [n, d], previous [n, d], multiplier   Newcombe's method 10 from wilson_lower/upper
  rateRatio         latest [O, n], previous [O, n]            Wilson interval of O1 / (O1 + O2) as a rate ratio

PHStatsMethods' exact_lower(0) is chi2.ppf(p, 0) / 2, which SciPy gives as NaN (no distribution with
0 degrees of freedom), and ph_rate refuses 0 events (byars_upper raises): for 0 events the oracle
reports the upper limit from exact_upper and the lower limit as null; the exact lower limit of 0
events is 0 by definition (Garwood 1936).
"""

import functools
import json
import math
import sys
import warnings

import numpy as np
import pandas as pd
import scipy.optimize
import scipy.stats

import PHStatsMethods as ph
import PHStatsMethods.utils_funnel
from PHStatsMethods.utils import euro_standard_pop
from PHStatsMethods.utils_funnel import poisson_funnel, sigma_adjustment


class _MemoisedNormalQuantile:
    """scipy.stats as PHStatsMethods' funnel module sees it, with norm.ppf remembered per probability.

    sigma_adjustment asks SciPy for the same normal quantile six times a call, which is most of the
    oracle's time; a remembered quantile is the same number, bit for bit.
    """

    class norm:
        ppf = staticmethod(functools.lru_cache(maxsize=None)(lambda p: scipy.stats.norm.ppf(p)))

    def __getattr__(self, name):
        return getattr(scipy.stats, name)


PHStatsMethods.utils_funnel.st = _MemoisedNormalQuantile()

LEVELS = [0.95, 0.998]


def number(x):
    """A float for JSON: NaN (no value) becomes null, an infinity the string "Infinity" or "-Infinity"."""
    x = float(x)
    if math.isnan(x):
        return None
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def interval(level, lower, upper):
    return {"level": level, "lower": number(lower), "upper": number(upper)}


def whole(multiplier):
    m = float(multiplier)
    if not m.is_integer() or m <= 0:
        raise ValueError(f"multiplier must be a positive whole number, not {multiplier}")
    return int(m)


def ci_columns(level):
    # PHStatsMethods' column names: lower_95_ci, upper_99_8_ci.
    return ph.validation.ci_col(level, "lower"), ph.validation.ci_col(level, "upper")


def proportions(cases):
    """ph_proportion over all cases with the same multiplier at once."""
    results = {}
    by_multiplier = {}
    for case in cases:
        by_multiplier.setdefault(whole(case["multiplier"]), []).append(case)
    for multiplier, group in by_multiplier.items():
        df = pd.DataFrame({"n": [float(c["numerator"]) for c in group], "d": [float(c["denominator"]) for c in group]})
        out = ph.ph_proportion(df, "n", "d", confidence=LEVELS, multiplier=multiplier)
        for i, case in enumerate(group):
            row = out.iloc[i]
            results[case["id"]] = {
                "id": case["id"],
                "value": number(row["Value"]),
                "intervals": [interval(c, row[ci_columns(c)[0]], row[ci_columns(c)[1]]) for c in LEVELS],
            }
    return results


def rates(cases):
    """ph_rate over all cases with events > 0 and the same multiplier; 0 events as described above."""
    results = {}
    by_multiplier = {}
    for case in cases:
        multiplier = whole(case["multiplier"])
        if float(case["events"]) == 0:
            d = float(case["denominator"])
            results[case["id"]] = {
                "id": case["id"],
                "value": 0.0,
                "intervals": [interval(c, math.nan, ph.exact_upper(0.0, c) / d * multiplier) for c in LEVELS],
            }
        else:
            by_multiplier.setdefault(multiplier, []).append(case)
    for multiplier, group in by_multiplier.items():
        df = pd.DataFrame({"n": [float(c["events"]) for c in group], "d": [float(c["denominator"]) for c in group]})
        out = ph.ph_rate(df, "n", "d", confidence=LEVELS, multiplier=multiplier)
        for i, case in enumerate(group):
            row = out.iloc[i]
            results[case["id"]] = {
                "id": case["id"],
                "value": number(row["Value"]),
                "method": str(row["Method"]),
                "intervals": [interval(c, row[ci_columns(c)[0]], row[ci_columns(c)[1]]) for c in LEVELS],
            }
    return results


def exact(case):
    o, d, m = float(case["events"]), float(case["denominator"]), whole(case["multiplier"])
    return {"intervals": [interval(c, ph.exact_lower(o, c) / d * m, ph.exact_upper(o, c) / d * m) for c in LEVELS]}


def byar(case):
    o, d, m = float(case["events"]), float(case["denominator"]), whole(case["multiplier"])
    if o < 10:
        raise ValueError("byars_lower and byars_upper are Byar's method only from 10 events")
    return {"intervals": [interval(c, ph.byars_lower(o, c) / d * m, ph.byars_upper(o, c) / d * m) for c in LEVELS]}


def esp_weights():
    table = euro_standard_pop()
    return dict(zip(table["esp_age_bands"], (float(x) for x in table["euro_standard_pops"])))


def dsr(case):
    if "standard" in case:
        standard = [float(x) for x in case["standard"]]
    else:
        # ph_dsr joins ESP 2013 only for all 19 bands; for some of them, its table is looked up by label.
        weights = esp_weights()
        standard = [weights[band] for band in case["bands"]]
    df = pd.DataFrame({
        "events": [float(x) for x in case["events"]],
        "population": [float(x) for x in case["populations"]],
        "standard": standard,
    })
    out = ph.ph_dsr(df, "events", "population", "standard", confidence=LEVELS, multiplier=whole(case["multiplier"]),
                    euro_standard_pops=False)
    row = out.iloc[0]
    return {
        "value": number(row["Value"]),
        "intervals": [interval(c, row[ci_columns(c)[0]], row[ci_columns(c)[1]]) for c in LEVELS],
    }


def funnel_proportion(case):
    t, n, m = float(case["target"]), float(case["denominator"]), whole(case["multiplier"])
    p = t / m
    # sigma_adjustment(probability, population, average proportion, side, multiplier); 0.975 and 0.999
    # are (1 + level) / 2 for 95 % and 99.8 %.
    return {"intervals": [
        interval(c, sigma_adjustment((1 + c) / 2, n, p, "low", m), sigma_adjustment((1 + c) / 2, n, p, "high", m))
        for c in LEVELS
    ]}


def funnel_table_rows(table, first_column, statistic):
    rows = []
    for _, row in table.iterrows():
        for name, level in (("2s", 0.95), ("3s", 0.998)):
            for side in ("lower", "upper"):
                if statistic == "proportion":
                    denominator = row[first_column]
                else:
                    denominator = row[f"{side}_{name}_population_1_year"]
                entry = {"level": level, "side": side, "denominator": number(denominator),
                         "limit": number(row[f"{side}_{name}_limit"])}
                if statistic == "rate":
                    entry["events"] = number(row[first_column])
                rows.append(entry)
    return rows


def funnel_proportion_table(case):
    df = pd.DataFrame({"n": [float(x) for x in case["numerators"]], "d": [float(x) for x in case["denominators"]]})
    table = ph.calculate_funnel_limits(df, "n", "proportion", 100, denom_col="d")
    return {"value": number(table["baseline"].iloc[0]), "rows": funnel_table_rows(table, "Population", "proportion")}


def funnel_rate(case):
    t, m = float(case["target"]), whole(case["multiplier"])
    average = t / m
    rows = []
    for x in case["events"]:
        x = float(x)
        for c in LEVELS:
            tail = (1 - c) / 2
            # The upper limit is x events where exact_lower(x) are expected, the lower limit x events
            # where exact_upper(x) are expected (calculate_funnel_limits: poisson_funnel 'low' / 'high').
            # poisson_funnel takes whole counts, and its time grows with the count: up to 2,000.
            bisect = x.is_integer() and 1 <= x <= 2000
            for side, expected, bisected in (
                ("upper", ph.exact_lower(x, c), poisson_funnel(x, tail, "low") if bisect else None),
                ("lower", ph.exact_upper(x, c), poisson_funnel(x, tail, "high") if bisect else None),
            ):
                denominator = expected / average
                rows.append({"level": c, "side": side, "events": x, "denominator": number(denominator),
                             "limit": number(x / denominator * m), "method": "exact"})
                if bisected is not None:
                    denominator = bisected / average
                    rows.append({"level": c, "side": side, "events": x, "denominator": number(denominator),
                                 "limit": number(x / denominator * m), "method": "bisection"})
    return {"rows": rows}


def funnel_rate_at(case):
    t, n, m = float(case["target"]), float(case["denominator"]), whole(case["multiplier"])
    expected = t / m * n
    intervals = []
    for c in LEVELS:
        def events(limit):
            # The count x at which limit(x, c), rising in x, reaches the expected count.
            f = lambda x: limit(x, c) - expected
            low, high = 0.0, expected + 10 * math.sqrt(expected) + 50
            while f(high) < 0:
                high *= 2
            if f(low) >= 0:
                return 0.0
            return scipy.optimize.brentq(f, low, high, xtol=1e-300, rtol=4 * np.finfo(float).eps, maxiter=500)
        # exact_lower(0) is NaN in SciPy (0 degrees of freedom): start the upper limit's search just above 0.
        upper_events = events(lambda x, c: ph.exact_lower(max(x, 1e-300), c))
        lower_events = events(ph.exact_upper)
        intervals.append(interval(c, lower_events / n * m, upper_events / n * m))
    return {"intervals": intervals}


def funnel_rate_table(case):
    m = whole(case["multiplier"])
    df = pd.DataFrame({"n": [float(x) for x in case["numerators"]], "d": [float(x) for x in case["denominators"]]})
    df["r"] = df["n"] / df["d"] * m
    table = ph.calculate_funnel_limits(df, "n", "rate", m, denom_col="d", rate="r", rate_type="crude", years_of_data=1)
    return {"value": number(table["baseline"].iloc[0]), "rows": funnel_table_rows(table, "Events", "rate")}


def newcombe(case):
    (n1, d1), (n2, d2) = [float(x) for x in case["latest"]], [float(x) for x in case["previous"]]
    m = whole(case["multiplier"])
    p1, p2 = n1 / d1, n2 / d2
    intervals = []
    for c in LEVELS:
        l1, u1 = ph.wilson_lower(n1, d1, c), ph.wilson_upper(n1, d1, c)
        l2, u2 = ph.wilson_lower(n2, d2, c), ph.wilson_upper(n2, d2, c)
        lower = p1 - p2 - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
        upper = p1 - p2 + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
        intervals.append(interval(c, lower * m, upper * m))
    return {"value": (p1 - p2) * m, "intervals": intervals}


def rate_ratio(case):
    (o1, n1), (o2, n2) = [float(x) for x in case["latest"]], [float(x) for x in case["previous"]]
    intervals = []
    for c in LEVELS:
        low, high = ph.wilson_lower(o1, o1 + o2, c), ph.wilson_upper(o1, o1 + o2, c)
        ratio = lambda share: math.inf if share >= 1 else share / (1 - share) * n2 / n1
        intervals.append(interval(c, ratio(low), ratio(high)))
    return {"value": number(o1 / n1 / (o2 / n2)) if o2 > 0 else "Infinity", "intervals": intervals}


def esp_table(case):
    weights = esp_weights()
    return {"bands": list(weights), "weights": list(weights.values())}


SINGLE = {
    "espWeights": esp_table,
    "exact": exact, "byar": byar, "dsr": dsr, "funnelProportion": funnel_proportion,
    "funnelProportionTable": funnel_proportion_table, "funnelRate": funnel_rate, "funnelRateTable": funnel_rate_table,
    "funnelRateAt": funnel_rate_at,
    "newcombe": newcombe, "rateRatio": rate_ratio,
}


def main():
    warnings.simplefilter("ignore")
    cases = json.load(sys.stdin)["cases"]
    kinds = {case["kind"] for case in cases}
    unknown = kinds - set(SINGLE) - {"proportion", "rate"}
    if unknown:
        raise ValueError(f"unknown case kinds: {sorted(unknown)}")
    results = {}
    results.update(proportions([c for c in cases if c["kind"] == "proportion"]))
    results.update(rates([c for c in cases if c["kind"] == "rate"]))
    stdout = sys.stdout
    for case in cases:
        if case["kind"] in SINGLE:
            # ph_dsr prints nothing without the ESP join, but keep standard output for the JSON only.
            sys.stdout = sys.stderr
            try:
                result = SINGLE[case["kind"]](case)
            finally:
                sys.stdout = stdout
            result["id"] = case["id"]
            results[case["id"]] = result
    sys.stdout.write(json.dumps({"results": [results[case["id"]] for case in cases]}))


if __name__ == "__main__":
    main()
