"""The full-year PyPSA benchmark of docs/BENCHMARKS.md: one bus, 8760 hourly snapshots, capacity
expansion of gas, wind, solar and a 4-hour battery beside an existing coal plant, load shedding at
a value of lost load. Made and solved by PyPSA with HiGHS (one thread), then run by Bijli.

    python3 -m venv /tmp/pypsa-venv && /tmp/pypsa-venv/bin/pip install pypsa==1.4.0 highspy==1.16.0
    /tmp/pypsa-venv/bin/python Tests/InteropTests/Fixtures/pypsa/bench_full_year.py DIR [BIJLI]

writes DIR/network (PyPSA's CSV export), times PyPSA (`optimize`: create_model + HiGHS, CPU seconds
of this process) and, when BIJLI (a release `bijli` binary) is given, `bijli run --pypsa DIR/network`
(user CPU seconds of the child process), and prints both objectives and the ratio as JSON.

The series are synthetic and seeded (numpy's default_rng(2026)): a daily and seasonal load shape, a
solar shape with clear and cloudy days, a wind shape with multi-day weather. They stand for no real
place; the network is a benchmark of solver and model build, not of any system.
"""
import json
import os
import resource
import subprocess
import sys
import time

import numpy as np
import pandas as pd
import pypsa

pypsa.options.api.legacy_string_dtype = True


def network():
    rng = np.random.default_rng(2026)
    hours = np.arange(8760)
    day, hour = hours // 24, hours % 24
    season = 1 + 0.25 * np.cos(2 * np.pi * (day - 196) / 365)           # peak in mid-July
    daily = 1 + 0.18 * np.sin(2 * np.pi * (hour - 14) / 24)
    load = 1000 * season * daily * (1 + 0.03 * rng.standard_normal(8760))
    clear = np.clip(rng.normal(0.85, 0.15, 365), 0.2, 1.0)[day]
    sun = np.clip(np.sin(np.pi * (hour - 6) / 12) * clear * (0.7 + 0.2 * season), 0, 1)
    weather = np.repeat(rng.uniform(0.05, 0.9, 8760 // 72 + 1), 72)[:8760]
    wind = np.clip(weather + 0.1 * rng.standard_normal(8760), 0, 1)

    n = pypsa.Network(name="full_year")
    n.set_snapshots(pd.RangeIndex(8760, name="snapshot"))
    n.add("Bus", "grid")
    n.add("Load", "demand", bus="grid", p_set=load)
    n.add("Generator", "coal", bus="grid", p_nom=500, marginal_cost=35, capital_cost=0)
    n.add("Generator", "ccgt", bus="grid", p_nom_extendable=True, marginal_cost=60, capital_cost=90_000)
    n.add("Generator", "ocgt", bus="grid", p_nom_extendable=True, marginal_cost=110, capital_cost=50_000)
    n.add("Generator", "wind", bus="grid", p_nom_extendable=True, p_max_pu=wind, marginal_cost=0,
          capital_cost=110_000, p_nom_max=3000)
    n.add("Generator", "solar", bus="grid", p_nom_extendable=True, p_max_pu=sun, marginal_cost=0,
          capital_cost=55_000, p_nom_max=4000)
    n.add("Generator", "shedding", bus="grid", p_nom=2000, marginal_cost=1000)
    n.add("StorageUnit", "battery", bus="grid", p_nom_extendable=True, max_hours=4, capital_cost=120_000,
          efficiency_store=0.93, efficiency_dispatch=0.93, cyclic_state_of_charge=True, marginal_cost=0.5)
    return n


def main():
    out = sys.argv[1]
    bijli = sys.argv[2] if len(sys.argv) > 2 else None
    n = network()
    folder = os.path.join(out, "network")
    os.makedirs(folder, exist_ok=True)
    n.export_to_csv_folder(folder)
    begin = time.process_time()
    status, condition = n.optimize(solver_name="highs", include_objective_constant=True, threads=1, output_flag=False)
    pypsa_cpu = time.process_time() - begin
    report = {"pypsa": pypsa.__version__, "status": status, "condition": condition,
              "pypsa_cpu_s": round(pypsa_cpu, 2), "pypsa_objective": float(n.objective)}
    if bijli:
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
        run = subprocess.run([bijli, "run", "--pypsa", folder, "--out", os.path.join(out, "bijli"), "--quiet"],
                             capture_output=True, text=True)
        report["bijli_cpu_s"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before, 2)
        report["bijli_exit"] = run.returncode
        runs = os.path.join(out, "bijli")
        for root, _, files in os.walk(runs):
            if "results.json" in files and "latest" not in root:
                with open(os.path.join(root, "results.json")) as f:
                    results = json.load(f)
                report["bijli_objective"] = results["objective_usd"]
                report["bijli_solver"] = results.get("solver", {})
        if "bijli_objective" in report:
            report["relative_difference"] = abs(report["bijli_objective"] - report["pypsa_objective"]) / abs(report["pypsa_objective"])
        report["cpu_ratio_bijli_over_pypsa"] = round(report["bijli_cpu_s"] / pypsa_cpu, 2)
    print(json.dumps(report, indent=1, default=str))


if __name__ == "__main__":
    main()
