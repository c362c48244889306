"""Writes the `dated_layout` network of make_fixtures.py with an older PyPSA release, so that
InteropTests read a folder as that release wrote it (docs/PYPSA.md, "Layouts").

    python3 -m venv /tmp/pypsa025-venv
    /tmp/pypsa025-venv/bin/pip install pypsa==0.25.2 "numpy<2" six "bottleneck<1.4"
    /tmp/pypsa025-venv/bin/python Tests/InteropTests/Fixtures/pypsa/make_old_layouts.py
    python3 -m venv /tmp/pypsa021-venv
    /tmp/pypsa021-venv/bin/pip install pypsa==0.21.3 "numpy<2" six pandas==1.5.3 xarray==2023.1.0
    /tmp/pypsa021-venv/bin/python Tests/InteropTests/Fixtures/pypsa/make_old_layouts.py
    /tmp/pypsa-venv/bin/python Tests/InteropTests/Fixtures/pypsa/make_fixtures.py --expected dated_layout_pypsa025 dated_layout_pypsa021

The network is written to dated_layout_pypsa<version>/network/; PyPSA's optimum (expected.json)
is then computed by the pinned pypsa 1.4.0 reading that folder (make_fixtures.py --expected).
Only the API common to 0.2x releases is used (one component per n.add, series as pd.Series).
"""
import os
import shutil

import pandas as pd
import pypsa

HERE = os.path.dirname(os.path.abspath(__file__))


def dated_layout():
    n = pypsa.Network(name="dated_layout")
    n.set_snapshots(pd.date_range("2019-01-01 00:00", periods=6, freq="4h"))
    n.snapshot_weightings.loc[:, :] = 4.0

    def series(values):
        return pd.Series(values, index=n.snapshots)

    n.add("Carrier", "solar", color="#ffcc00", nice_name="Solar PV")
    n.add("Carrier", "gas", color="#aa5500", nice_name="Gas", co2_emissions=0.2)
    n.add("Carrier", "wind", color="#3399ff", nice_name="Onshore wind")
    n.add("Carrier", "oil", color="#333333", nice_name="Furnace oil")
    n.add("Bus", "north", x=73.0, y=33.7, v_nom=500.0)
    n.add("Bus", "south", x=67.0, y=25.4, v_nom=500.0)
    n.add("Bus", "karachi", x=67.0, y=24.9, v_nom=220.0, unit="MW")
    n.add("Load", "north_load", bus="north", p_set=series([300.0, 280.0, 350.0, 420.0, 460.0, 380.0]))
    n.add("Load", "south_load", bus="south", p_set=series([150.0, 160.0, 190.0, 230.0, 210.0, 170.0]))
    n.add("Load", "karachi_load", bus="karachi", p_set=series([80.0, 70.0, 95.0, 120.0, 110.0, 90.0]))
    n.add("Generator", "solar", bus="south", carrier="solar", p_nom_extendable=True, capital_cost=300,
          p_max_pu=series([0.0, 0.0008, 0.45, 0.9, 0.3, 0.0]))
    n.add("Generator", "wind", bus="north", carrier="wind", p_nom=200, p_max_pu=series([0.6, 0.7, 0.4, 0.2, 0.3, 0.5]))
    n.add("Generator", "gas_north", bus="north", carrier="gas", p_nom=600, marginal_cost=60, efficiency=0.5)
    n.add("Generator", "gas_south", bus="south", carrier="gas", p_nom=400, marginal_cost=75, efficiency=0.45)
    n.add("Generator", "oil_karachi", bus="karachi", carrier="oil", p_nom=60, marginal_cost=120)
    n.add("Link", "north_south", bus0="north", bus1="south", p_nom=150, efficiency=0.97, length=1100.0)
    n.add("Line", "south_karachi", bus0="south", bus1="karachi", s_nom=100, x=0.05, r=0.005, length=150.0)
    n.buses["country"] = "PK"
    n.buses["symbol"] = "substation"
    n.generators["commissioned"] = ["2024", "2012", "2005", "1998", "1994"]
    return n


def main():
    n = dated_layout()
    folder = os.path.join(HERE, "dated_layout_pypsa" + pypsa.__version__.replace(".", "")[:3])
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    n.export_to_csv_folder(os.path.join(folder, "network"))
    print(folder)


if __name__ == "__main__":
    main()
