"""Regenerates the PyPSA fixtures of InteropTests (docs/PYPSA.md).

    python3 -m venv /tmp/pypsa-venv && /tmp/pypsa-venv/bin/pip install pypsa==1.4.0 highspy==1.16.0
    /tmp/pypsa-venv/bin/python Tests/InteropTests/Fixtures/pypsa/make_fixtures.py

Each fixture is a folder <name>/ with the network as PyPSA's CSV-folder export (network/) and
expected.json: PyPSA's optimum solved with HiGHS (objective, objective constant, capacities).

    make_fixtures.py --attributes   prints Sources/Interop/PyPSAAttributes+Defaults.swift (the
                                    defaults of the pinned pypsa's component attributes).
    make_fixtures.py --check DIR    loads a CSV folder (e.g. from `bijli export-pypsa`), optimises
                                    it and prints the objective as JSON.
    make_fixtures.py --expected NAME...  writes NAME/expected.json for a folder NAME/network written
                                    otherwise (make_old_layouts.py, an older pypsa).
    make_fixtures.py NAME...        remakes only those fixtures.
"""
import importlib.metadata
import json
import os
import shutil
import sys

import highspy
import numpy as np
import pandas as pd
import pypsa

pypsa.options.api.legacy_string_dtype = True

HERE = os.path.dirname(os.path.abspath(__file__))


def merit_order():
    n = pypsa.Network(name="merit_order")
    n.set_snapshots(range(4))
    for column in n.snapshot_weightings.columns:
        n.snapshot_weightings[column] = [1.0, 2.0, 3.0, 2.5]
    n.add("Bus", "town")
    n.add("Load", "demand", bus="town", p_set=[50.0, 120.0, 200.0, 150.0])
    n.add("Generator", "coal", bus="town", p_nom=100, marginal_cost=30, capital_cost=1000)
    n.add("Generator", "gas", bus="town", p_nom=80, marginal_cost=60)
    n.add("Generator", "oil", bus="town", p_nom=100, marginal_cost=120)
    return n


def two_buses_link():
    n = pypsa.Network(name="two_buses_link")
    n.set_snapshots(range(3))
    for bus in ["north", "south", "east"]:
        n.add("Bus", bus)
    n.add("Load", "south_load", bus="south", p_set=[80.0, 140.0, 100.0])
    n.add("Load", "east_load", bus="east", p_set=[20.0, 40.0, 30.0])
    n.add("Generator", "north_hydro", bus="north", p_nom=150, marginal_cost=5)
    n.add("Generator", "south_gas", bus="south", p_nom=200, marginal_cost=70)
    n.add("Link", "hvdc", bus0="north", bus1="south", p_nom=90, efficiency=0.95)
    n.add("Line", "south_east", bus0="south", bus1="east", s_nom=35, x=0.1, r=0.01)
    n.add("Generator", "east_diesel", bus="east", p_nom=50, marginal_cost=150)
    return n


def cyclic_storage():
    n = pypsa.Network(name="cyclic_storage")
    n.set_snapshots(range(6))
    n.add("Bus", "island")
    n.add("Load", "demand", bus="island", p_set=[40.0, 40.0, 60.0, 90.0, 100.0, 60.0])
    n.add("Generator", "solar", bus="island", p_nom=120, p_max_pu=[0.0, 0.6, 1.0, 0.8, 0.1, 0.0])
    n.add("Generator", "diesel", bus="island", p_nom=150, marginal_cost=100)
    n.add("StorageUnit", "battery", bus="island", p_nom_extendable=True, capital_cost=50, max_hours=3,
          efficiency_store=0.95, efficiency_dispatch=0.9, standing_loss=0.01, cyclic_state_of_charge=True,
          marginal_cost=1)
    return n


def extendable_profiles():
    n = pypsa.Network(name="extendable_profiles")
    n.set_snapshots(range(8))
    n.snapshot_weightings.loc[:, :] = 8760 / 8
    n.add("Bus", "grid")
    n.add("Load", "demand", bus="grid", p_set=[600.0, 550.0, 700.0, 900.0, 1000.0, 950.0, 800.0, 650.0])
    n.add("Generator", "solar", bus="grid", p_nom_extendable=True, capital_cost=60000, p_nom_min=100,
          p_max_pu=[0.0, 0.0, 0.3, 0.8, 0.9, 0.5, 0.05, 0.0], carrier="solar")
    n.add("Generator", "wind", bus="grid", p_nom_extendable=True, capital_cost=110000, p_nom_max=400,
          p_max_pu=[0.7, 0.9, 0.4, 0.3, 0.5, 0.6, 0.8, 0.75], carrier="wind")
    n.add("Generator", "ccgt", bus="grid", p_nom_extendable=True, capital_cost=80000, marginal_cost=55,
          carrier="gas")
    n.add("Carrier", ["solar", "wind", "gas"])
    return n


def co2_limit():
    n = pypsa.Network(name="co2_limit")
    n.set_snapshots(range(4))
    n.snapshot_weightings.loc[:, :] = 2190.0
    n.add("Carrier", "coal", co2_emissions=0.34)
    n.add("Carrier", "gas", co2_emissions=0.2)
    n.add("Carrier", "wind")
    n.add("Bus", "grid")
    n.add("Load", "demand", bus="grid", p_set=[300.0, 400.0, 500.0, 350.0])
    n.add("Generator", "coal", bus="grid", carrier="coal", p_nom_extendable=True, capital_cost=150000,
          marginal_cost=20, efficiency=0.4)
    n.add("Generator", "ccgt", bus="grid", carrier="gas", p_nom_extendable=True, capital_cost=90000,
          marginal_cost=45, efficiency=0.58)
    n.add("Generator", "wind", bus="grid", carrier="wind", p_nom_extendable=True, capital_cost=120000,
          p_max_pu=[0.5, 0.3, 0.6, 0.4])
    n.add("GlobalConstraint", "co2_limit", type="primary_energy", carrier_attribute="co2_emissions",
          sense="<=", constant=5e5)
    return n


def load_shedding():
    n = pypsa.Network(name="load_shedding")
    n.set_snapshots(range(4))
    n.add("Bus", "city")
    n.add("Load", "demand", bus="city", p_set=[80.0, 130.0, 160.0, 100.0])
    n.add("Generator", "gas", bus="city", p_nom=120, marginal_cost=50, p_max_pu=0.9)
    n.add("Generator", "peaker", bus="city", p_nom=20, marginal_cost=200, p_min_pu=0.1)
    n.add("Generator", "load_shedding", bus="city", carrier="load", p_nom=1e4, marginal_cost=3000)
    n.add("Carrier", "load")
    return n


def hydro_inflow():
    n = pypsa.Network(name="hydro_inflow")
    n.set_snapshots(range(8))
    n.add("Bus", "valley")
    n.add("Load", "demand", bus="valley", p_set=[70.0, 90.0, 110.0, 130.0, 120.0, 100.0, 80.0, 60.0])
    n.add("Generator", "gas", bus="valley", p_nom=200, marginal_cost=80)
    n.add("StorageUnit", "reservoir", bus="valley", p_nom_extendable=True, capital_cost=300, p_nom_max=100,
          max_hours=4, efficiency_store=0.9, efficiency_dispatch=0.95, cyclic_state_of_charge=True, marginal_cost=0.5,
          inflow=[10.0, 150.0, 600.0, 90.0, 20.0, 0.0, 0.0, 5.0])
    return n


def weighted_storage():
    """Three-hourly snapshots (weightings 3: costs, storage and energy sums) with storage: a
    non-cyclic battery starting from 40 MWh with a standing loss (compounded over 3 h), a cyclic
    extendable one, a non-cyclic reservoir with an inflow, and levels set on both batteries."""
    n = pypsa.Network(name="weighted_storage")
    n.set_snapshots(range(8))
    n.snapshot_weightings.loc[:, :] = 3.0
    n.add("Bus", "plain")
    n.add("Load", "demand", bus="plain", p_set=[50.0, 45.0, 60.0, 95.0, 110.0, 130.0, 120.0, 70.0])
    n.add("Generator", "solar", bus="plain", p_nom_extendable=True, capital_cost=150, p_nom_max=200,
          p_max_pu=[0.0, 0.0, 0.5, 0.9, 0.8, 0.3, 0.0, 0.0])
    n.add("Generator", "gas", bus="plain", p_nom=140, marginal_cost=70)
    n.add("Generator", "peaker", bus="plain", p_nom_extendable=True, capital_cost=100, marginal_cost=150)
    n.add("StorageUnit", "battery", bus="plain", p_nom=20, max_hours=4, efficiency_store=0.95, efficiency_dispatch=0.92,
          standing_loss=0.02, cyclic_state_of_charge=False, state_of_charge_initial=40, marginal_cost=0.5)
    n.add("StorageUnit", "new_battery", bus="plain", p_nom_extendable=True, capital_cost=60, max_hours=2,
          efficiency_store=0.9, efficiency_dispatch=0.9, standing_loss=0.01, cyclic_state_of_charge=True, marginal_cost=1)
    n.add("StorageUnit", "reservoir", bus="plain", p_nom=30, max_hours=6, efficiency_store=1, efficiency_dispatch=0.9,
          cyclic_state_of_charge=False, state_of_charge_initial=90, inflow=[5.0, 5.0, 20.0, 30.0, 10.0, 0.0, 0.0, 0.0])
    # Levels the state must hold (state_of_charge_set; NaN: free): the battery full at the
    # afternoon snapshot, the new battery holding 100 MWh into the evening.
    nan = float("nan")
    n.storage_units_t.state_of_charge_set["battery"] = [nan, nan, nan, nan, 60.0, nan, nan, nan]
    n.storage_units_t.state_of_charge_set["new_battery"] = [nan, nan, nan, nan, nan, 100.0, nan, nan]
    return n


def stores_links():
    """Stores with conversion links (the PyPSA-Eur pattern): electricity to hydrogen through an
    electrolyser, a hydrogen store (cyclic, extendable, per MWh), a fuel cell back, all built, the
    links with marginal costs (on what they take in); a
    fixed battery as a store on its own bus with a charger and a discharger link (the store's
    capital cost outside PyPSA's objective); a heat bus with a non-cyclic tank starting from 30 MWh
    with a standing loss; solar and gas. Two-hourly snapshots (weightings 2)."""
    n = pypsa.Network(name="stores_links")
    n.set_snapshots(range(12))
    n.snapshot_weightings.loc[:, :] = 2.0
    for bus, carrier in [("grid", "AC"), ("h2", "H2"), ("battery", "battery"), ("heat", "heat")]:
        n.add("Bus", bus, carrier=carrier)
    n.add("Load", "demand", bus="grid", p_set=[60.0, 55.0, 50.0, 55.0, 70.0, 90.0, 100.0, 110.0, 120.0, 110.0, 90.0, 70.0])
    n.add("Load", "heat_demand", bus="heat", p_set=[10.0] * 12)
    n.add("Generator", "solar", bus="grid", p_nom_extendable=True, capital_cost=200, p_nom_max=400,
          p_max_pu=[0.0, 0.0, 0.0, 0.2, 0.6, 0.9, 1.0, 0.8, 0.4, 0.1, 0.0, 0.0])
    n.add("Generator", "gas", bus="grid", p_nom=80, marginal_cost=90)
    n.add("Link", "electrolyser", bus0="grid", bus1="h2", efficiency=0.7, p_nom_extendable=True, capital_cost=10, marginal_cost=1)
    n.add("Link", "fuel_cell", bus0="h2", bus1="grid", efficiency=0.5, p_nom_extendable=True, capital_cost=10, marginal_cost=2)
    n.add("Store", "h2_store", bus="h2", e_nom_extendable=True, e_cyclic=True, capital_cost=0.5, standing_loss=0.001)
    n.add("Link", "battery_charger", bus0="grid", bus1="battery", efficiency=0.95, p_nom=40, marginal_cost=0.5)
    n.add("Link", "battery_discharger", bus0="battery", bus1="grid", efficiency=0.95, p_nom=40)
    n.add("Store", "battery_store", bus="battery", e_nom=100, e_cyclic=True, capital_cost=15)
    n.add("Generator", "boiler", bus="heat", p_nom=20, marginal_cost=40)
    n.add("Link", "heater", bus0="grid", bus1="heat", efficiency=0.9, p_nom=15)
    n.add("Store", "heat_tank", bus="heat", e_nom=40, e_initial=30, standing_loss=0.05)
    return n


def dc_lines():
    """A DC sub-network beside an AC one (as PyPSA's ac-dc-meshed example): three DC buses in a
    triangle of lines weighted by their resistance r (PyPSA's KVL in a DC sub-network), reached
    from the AC side through lossless two-way converters; the AC buses joined by a line (x). The
    DC lines' flows split by r and one binds. Fixed branches with capital costs (outside PyPSA's
    objective), and an extendable tie whose p_max_pu 0.9 is the usable share of its rating."""
    n = pypsa.Network(name="dc_lines")
    n.set_snapshots(range(4))
    for bus in ["ac_west", "ac_east"]:
        n.add("Bus", bus, carrier="AC", v_nom=380)
    for bus in ["dc_1", "dc_2", "dc_3"]:
        n.add("Bus", bus, carrier="DC", v_nom=200)
    n.add("Line", "ac_link", bus0="ac_west", bus1="ac_east", x=30.0, r=1.0, s_nom=100, capital_cost=3)
    n.add("Line", "dc_12", bus0="dc_1", bus1="dc_2", r=2.0, x=0.1, s_nom=300)
    n.add("Line", "dc_23", bus0="dc_2", bus1="dc_3", r=1.0, x=0.1, s_nom=60)
    n.add("Line", "dc_13", bus0="dc_1", bus1="dc_3", r=4.0, x=0.1, s_nom=300)
    n.add("Link", "converter_west", bus0="ac_west", bus1="dc_1", p_nom=400, p_min_pu=-1, capital_cost=5)
    n.add("Link", "dc_tie", bus0="ac_west", bus1="dc_2", p_nom_extendable=True, p_max_pu=0.9, p_min_pu=-0.5, capital_cost=10)
    n.add("Link", "converter_east", bus0="dc_3", bus1="ac_east", p_nom=400, p_min_pu=-1)
    n.add("Load", "east_demand", bus="ac_east", p_set=[150.0, 250.0, 300.0, 200.0])
    n.add("Load", "dc_2_demand", bus="dc_2", p_set=[20.0, 30.0, 40.0, 30.0])
    n.add("Generator", "west_coal", bus="ac_west", p_nom=600, marginal_cost=20)
    n.add("Generator", "east_gas", bus="ac_east", p_nom=400, marginal_cost=70)
    return n


def line_types():
    """Lines of a type (a custom line type of this fixture: PyPSA exports custom types, and its
    standard ones with export_standard_types=True): x = x_per_length · length / num_parallel.
    A triangle whose flows split by those reactances, one line at its rating."""
    n = pypsa.Network(name="line_types")
    n.set_snapshots(range(3))
    n.add("LineType", "fixture_cable", f_nom=50, r_per_length=0.06, x_per_length=0.3, c_per_length=11, i_nom=0.6)
    for bus in ["hill", "plain", "port"]:
        n.add("Bus", bus, v_nom=220)
    n.add("Line", "hill_plain", bus0="hill", bus1="plain", type="fixture_cable", length=120, num_parallel=2, s_nom=400)
    n.add("Line", "plain_port", bus0="plain", bus1="port", type="fixture_cable", length=80, num_parallel=1, s_nom=90)
    n.add("Line", "hill_port", bus0="hill", bus1="port", x=30.0, s_nom=400)
    n.add("Load", "port_demand", bus="port", p_set=[200.0, 320.0, 260.0])
    n.add("Load", "plain_demand", bus="plain", p_set=[50.0, 80.0, 60.0])
    n.add("Generator", "hill_hydro", bus="hill", p_nom=500, marginal_cost=5)
    n.add("Generator", "port_oil", bus="port", p_nom=300, marginal_cost=90)
    return n


def dated_layout():
    """Dated snapshots (1.x writes them as a position index with a `snapshot` column; series are
    indexed by the timestamp), weightings of 4 h, descriptive and unknown columns, and a solar
    availability of 0.0008 (below Bijli's default cut-off 0.001) on an extendable generator."""
    n = pypsa.Network(name="dated_layout")
    n.set_snapshots(pd.date_range("2019-01-01 00:00", periods=6, freq="4h"))
    n.snapshot_weightings.loc[:, :] = 4.0
    n.add("Carrier", "solar", color="#ffcc00", nice_name="Solar PV")
    n.add("Carrier", "gas", color="#aa5500", nice_name="Gas", co2_emissions=0.2)
    n.add("Carrier", "wind", color="#3399ff", nice_name="Onshore wind")
    n.add("Carrier", "oil", color="#333333", nice_name="Furnace oil")
    n.add("Bus", "north", x=73.0, y=33.7, v_nom=500.0, country="PK")
    n.add("Bus", "south", x=67.0, y=25.4, v_nom=500.0, country="PK")
    n.add("Bus", "karachi", x=67.0, y=24.9, v_nom=220.0, country="PK", unit="MW")
    n.add("Load", "north_load", bus="north", p_set=[300.0, 280.0, 350.0, 420.0, 460.0, 380.0])
    n.add("Load", "south_load", bus="south", p_set=[150.0, 160.0, 190.0, 230.0, 210.0, 170.0])
    n.add("Load", "karachi_load", bus="karachi", p_set=[80.0, 70.0, 95.0, 120.0, 110.0, 90.0])
    n.add("Generator", "solar", bus="south", carrier="solar", p_nom_extendable=True, capital_cost=300,
          p_max_pu=[0.0, 0.0008, 0.45, 0.9, 0.3, 0.0])
    n.add("Generator", "wind", bus="north", carrier="wind", p_nom=200, p_max_pu=[0.6, 0.7, 0.4, 0.2, 0.3, 0.5])
    n.add("Generator", "gas_north", bus="north", carrier="gas", p_nom=600, marginal_cost=60, efficiency=0.5)
    n.add("Generator", "gas_south", bus="south", carrier="gas", p_nom=400, marginal_cost=75, efficiency=0.45)
    n.add("Generator", "oil_karachi", bus="karachi", carrier="oil", p_nom=60, marginal_cost=120)
    n.add("Link", "north_south", bus0="north", bus1="south", p_nom=150, efficiency=0.97, length=1100.0)
    n.add("Line", "south_karachi", bus0="south", bus1="karachi", s_nom=100, x=0.05, r=0.005, length=150.0)
    # Columns PyPSA does not know; it carries them and ignores them in the optimisation.
    n.buses["symbol"] = "substation"
    n.generators["commissioned"] = ["2024", "2012", "2005", "1998", "1994"]
    return n


def several_loads_minimums():
    """Several loads on one bus (one of them a series), an extendable generator whose p_nom_min
    binds, p_min_pu as a constant share of p_max_pu (static and as series) and a time-varying
    p_min_pu that is not (Bijli's min_generation_profile)."""
    n = pypsa.Network(name="several_loads_minimums")
    n.set_snapshots(range(5))
    n.snapshot_weightings.loc[:, :] = 2.0
    for bus in ["city", "valley"]:
        n.add("Bus", bus)
    n.add("Load", "homes", bus="city", p_set=[120.0, 150.0, 210.0, 180.0, 140.0])
    n.add("Load", "industry", bus="city", p_set=90.0)
    n.add("Load", "metro", bus="city", p_set=[10.0, 25.0, 30.0, 25.0, 5.0])
    n.add("Load", "valley_load", bus="valley", p_set=[40.0, 35.0, 60.0, 55.0, 45.0])
    n.add("Generator", "nuclear", bus="city", p_nom_extendable=True, p_nom_min=150, capital_cost=900,
          marginal_cost=8, p_min_pu=0.7)
    n.add("Generator", "coal", bus="city", p_nom=200, marginal_cost=30, p_min_pu=0.25)
    n.add("Generator", "bagasse", bus="valley", p_nom=80, marginal_cost=15,
          p_max_pu=[0.9, 0.8, 0.6, 0.5, 0.7], p_min_pu=[0.45, 0.4, 0.3, 0.25, 0.35])
    n.add("Generator", "gas", bus="city", p_nom=300, marginal_cost=70)
    # A must-run whose minimum changes by snapshot under a constant p_max_pu (not a share of it).
    n.add("Generator", "must_run", bus="valley", p_nom=50, marginal_cost=90, p_min_pu=[0.2, 0.6, 0.1, 0.5, 0.3])
    n.add("Link", "valley_city", bus0="valley", bus1="city", p_nom=60, p_min_pu=-1)
    return n


def lines_kvl():
    """AC lines and transformers under Kirchhoff's voltage law: a 220 kV triangle with a second
    (parallel) north-south circuit, two transformers down to 132 kV joined by a 132 kV line (a
    cycle through both), an extendable line, s_max_pu static and as a series, a tap ratio, and
    a resistance and shunt susceptance that the linear power flow does not use."""
    n = pypsa.Network(name="lines_kvl")
    n.set_snapshots(range(4))
    n.snapshot_weightings.loc[:, :] = 2190.0
    for bus, v_nom in [("north", 220.0), ("south", 220.0), ("east", 220.0), ("city", 132.0), ("town", 132.0)]:
        n.add("Bus", bus, v_nom=v_nom)
    n.add("Load", "city_load", bus="city", p_set=[250.0, 320.0, 380.0, 290.0])
    n.add("Load", "town_load", bus="town", p_set=[100.0, 150.0, 180.0, 120.0])
    n.add("Load", "south_load", bus="south", p_set=[80.0, 90.0, 110.0, 85.0])
    n.add("Generator", "hydro", bus="north", p_nom=600, marginal_cost=5)
    n.add("Generator", "coal", bus="south", p_nom=250, marginal_cost=30)
    n.add("Generator", "gas", bus="east", p_nom=200, marginal_cost=60)
    n.add("Generator", "diesel", bus="city", p_nom=300, marginal_cost=150)
    n.add("Generator", "solar", bus="town", p_nom=120, p_max_pu=[0.0, 0.7, 0.9, 0.2])
    n.add("Line", "north_south_1", bus0="north", bus1="south", x=20.0, r=2.0, s_nom=250)
    n.add("Line", "north_south_2", bus0="north", bus1="south", x=30.0, r=3.0, s_nom=150, s_max_pu=[1.0, 0.8, 0.7, 1.0])
    n.add("Line", "south_east", bus0="south", bus1="east", x=25.0, s_nom=200, s_max_pu=0.9)
    n.add("Line", "east_north", bus0="east", bus1="north", x=15.0, s_nom_extendable=True, s_nom_max=400, capital_cost=30000.0)
    n.add("Line", "city_town", bus0="city", bus1="town", x=8.0, s_nom=120)
    n.add("Transformer", "south_city", bus0="south", bus1="city", x=0.1, s_nom=400, b=0.002)
    n.add("Transformer", "east_town", bus0="east", bus1="town", x=0.12, s_nom=300, tap_ratio=1.05)
    return n


FIXTURES = [merit_order, two_buses_link, cyclic_storage, extendable_profiles, co2_limit, load_shedding, hydro_inflow,
            dated_layout, several_loads_minimums, lines_kvl, weighted_storage, stores_links, dc_lines, line_types]


def capacities(n):
    out = {}
    for component, attr in [("generators", "p_nom"), ("storage_units", "p_nom"), ("stores", "e_nom"), ("links", "p_nom"), ("lines", "s_nom"),
                            ("transformers", "s_nom")]:
        df = getattr(n, component)
        if df.empty:
            continue
        out[component] = {name: float(df.at[name, attr + "_opt"]) for name in df.index}
    return out


def nonextendable_capital_cost(n):
    total = 0.0
    for component, attr in [("generators", "p_nom"), ("storage_units", "p_nom"), ("stores", "e_nom"), ("links", "p_nom"), ("lines", "s_nom"),
                            ("transformers", "s_nom")]:
        df = getattr(n, component)
        if df.empty:
            continue
        fixed = df[~df[attr + "_extendable"]]
        total += float((fixed["capital_cost"] * fixed[attr]).sum())
    return total


def capacity_ranges(n, relative=1e-9):
    """The range of each extendable capacity among solutions within `relative` of the optimum:
    minimise and maximise it subject to objective <= optimum * (1 + relative). A range of (nearly)
    zero width means the capacity is determined, so comparing it with Bijli's is meaningful."""
    m = n.model
    optimum = float(m.objective.value)
    m.add_constraints(m.objective.expression <= optimum + relative * abs(optimum), name="near_optimal")
    ranges = {}
    for component, variable in [("generators", "Generator-p_nom"), ("storage_units", "StorageUnit-p_nom"), ("stores", "Store-e_nom"),
                                ("links", "Link-p_nom"), ("lines", "Line-s_nom"), ("transformers", "Transformer-s_nom")]:
        if variable not in m.variables:
            continue
        var = m.variables[variable]
        for name in var.coords["name"].values:
            bounds = []
            for sense in ["min", "max"]:
                m.objective = 1.0 * var.sel(name=name)
                m.objective.sense = sense
                m.solve(solver_name="highs", output_flag=False)
                bounds.append(float(m.objective.value))
            ranges.setdefault(component, {})[str(name)] = bounds
    return ranges


def solve(n):
    status, condition = n.optimize(solver_name="highs", include_objective_constant=True, output_flag=False)
    if status != "ok":
        raise SystemExit(f"{n.name}: {status} {condition}")
    return {
        "objective": float(n.objective),
        "objective_constant": float(n.objective_constant),
        "nonextendable_capital_cost": nonextendable_capital_cost(n),
    }


COMPONENTS = ["buses", "carriers", "generators", "loads", "storage_units", "stores", "links", "lines", "transformers", "global_constraints"]


def attributes_swift():
    folder = os.path.join(os.path.dirname(pypsa.__file__), "data", "component_attrs")
    lines = [
        f"// Generated by Tests/InteropTests/Fixtures/pypsa/make_fixtures.py --attributes from pypsa {pypsa.__version__}",
        "// (pypsa/data/component_attrs/*.csv). Do not edit by hand.",
        "",
        "extension PyPSAAttributes {",
        "    /// PyPSA's attributes by component file: name -> (default as PyPSA writes it, whether it is an input).",
        "    static let table: [String: [String: Attribute]] = [",
    ]
    for component in COMPONENTS:
        df = pd.read_csv(os.path.join(folder, component + ".csv"), dtype=str, keep_default_na=False)
        lines.append(f'        "{component}": [')
        for _, row in df.iterrows():
            default = row["default"].strip()
            status = row["status"].strip()
            kind = row["type"].strip()
            is_input = "true" if status.startswith("Input") else "false"
            lines.append(f'            "{row["attribute"]}": Attribute(defaultValue: "{default}", type: "{kind}", isInput: {is_input}),')
        lines.append("        ],")
    lines += ["    ]", "}", ""]
    return "\n".join(lines)


def write_expected(name):
    """Solves <name>/network/ (read back from the files, as Bijli reads them) and writes expected.json."""
    folder = os.path.join(HERE, name)
    m = pypsa.Network(os.path.join(folder, "network"))
    written_by = pd.read_csv(os.path.join(folder, "network", "network.csv")).get("pypsa_version")
    result = solve(m)
    result.update({
        "name": name,
        # Bijli's objective is the total cost: PyPSA's objective + its constant (capex of the
        # p_nom of extendables) + the capital cost of non-extendable capacity.
        "total_cost": result["objective"] + result["objective_constant"] + result["nonextendable_capital_cost"],
        "capacities": capacities(m),
        "capacity_ranges_within_1e-9": capacity_ranges(m),
        "pypsa_version": pypsa.__version__,
        "highspy_version": importlib.metadata.version("highspy"),
    })
    if written_by is not None and str(written_by.iloc[0]) != pypsa.__version__:
        result["written_by_pypsa_version"] = str(written_by.iloc[0])
    with open(os.path.join(folder, "expected.json"), "w") as f:
        json.dump(result, f, indent=2, sort_keys=True)
        f.write("\n")
    print(name, result["objective"], result["total_cost"])


def pre_018_layout(source, name):
    """The layout of PyPSA releases before 0.18, written by hand from a 1.x export (those
    releases do not install on Python 3.11): snapshots.csv indexed by the snapshot with one
    `weightings` column, series indexed by the snapshot (index label `name`)."""
    target = os.path.join(HERE, name, "network")
    shutil.rmtree(os.path.join(HERE, name), ignore_errors=True)
    shutil.copytree(os.path.join(HERE, source, "network"), target)
    snapshots = pd.read_csv(os.path.join(target, "snapshots.csv"), index_col=0)
    stamps = snapshots["snapshot"].astype(str)
    pd.DataFrame({"weightings": snapshots["objective"].values}, index=pd.Index(stamps, name="name")).to_csv(
        os.path.join(target, "snapshots.csv"))
    for file in sorted(os.listdir(target)):
        if "-" in file and file.endswith(".csv"):
            df = pd.read_csv(os.path.join(target, file), index_col=0)
            df.index = pd.Index(stamps.values, name="name")
            df.to_csv(os.path.join(target, file))
    for file in ["crs.json", "meta.json"]:
        os.remove(os.path.join(target, file))
    network = pd.read_csv(os.path.join(target, "network.csv"))
    network[["name", "pypsa_version"]].assign(pypsa_version="0.17.1").to_csv(os.path.join(target, "network.csv"), index=False)


def main():
    if len(sys.argv) == 2 and sys.argv[1] == "--attributes":
        sys.stdout.write(attributes_swift())
        return
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        n = pypsa.Network(sys.argv[2])
        result = solve(n)
        result["capacities"] = capacities(n)
        print(json.dumps(result, indent=2, sort_keys=True))
        return
    if len(sys.argv) >= 3 and sys.argv[1] == "--expected":
        for name in sys.argv[2:]:
            write_expected(name)
        return
    only = sys.argv[1:]
    for make in FIXTURES:
        if only and make.__name__ not in only:
            continue
        n = make()
        folder = os.path.join(HERE, n.name)
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        n.export_to_csv_folder(os.path.join(folder, "network"))
        write_expected(n.name)
    if not only or "dated_layout" in only:
        pre_018_layout("dated_layout", "dated_layout_pre018")
        write_expected("dated_layout_pre018")


if __name__ == "__main__":
    main()
