"""The words of occupational therapy that Homeward uses: areas, scales, rooms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

# ADL and IADL areas, each with the follow-up questions asked at assessment.
AREAS = {
    "eating": {"domain": "ADL", "label": _l("Eating"), "questions": [
        ("feeds_self", _l("Do you feed yourself?")),
        ("cuts_food", _l("Can you cut your food?")),
        ("swallowing", _l("Do you cough or choke when eating or drinking?"))]},
    "bathing": {"domain": "ADL", "label": _l("Bathing and showering"), "questions": [
        ("gets_in", _l("Can you get in and out of the bath or shower?")),
        ("washes_all", _l("Can you wash all of your body?")),
        ("help", _l("Does someone help you wash?"))]},
    "dressing": {"domain": "ADL", "label": _l("Dressing"), "questions": [
        ("upper", _l("Can you put on a shirt or top?")),
        ("lower", _l("Can you put on trousers, socks and shoes?")),
        ("fasteners", _l("Can you do up buttons and zips?"))]},
    "grooming": {"domain": "ADL", "label": _l("Grooming"), "questions": [
        ("teeth_hair", _l("Can you brush your teeth and hair?"))]},
    "toileting": {"domain": "ADL", "label": _l("Using the toilet"), "questions": [
        ("on_off", _l("Can you get on and off the toilet?")),
        ("hygiene", _l("Can you manage clothing and wiping?"))]},
    "transfers": {"domain": "ADL", "label": _l("Moving in and out of bed or a chair"),
                  "questions": [
        ("bed", _l("Can you get in and out of bed?")),
        ("chair", _l("Can you stand up from a chair?"))]},
    "continence": {"domain": "ADL", "label": _l("Bladder and bowel control"), "questions": [
        ("accidents", _l("Do you have accidents?"))]},
    "meal_prep": {"domain": "IADL", "label": _l("Cooking and preparing meals"), "questions": [
        ("cooks", _l("Do you cook your meals?")),
        ("someone_else", _l("Does someone do this for you?"))]},
    "shopping": {"domain": "IADL", "label": _l("Shopping"), "questions": [
        ("groceries", _l("Do you buy your groceries?")),
        ("someone_else", _l("Does someone do this for you?"))]},
    "housework": {"domain": "IADL", "label": _l("Housework and laundry"), "questions": [
        ("cleans", _l("Do you clean and do laundry?"))]},
    "medication": {"domain": "IADL", "label": _l("Managing medication"), "questions": [
        ("takes_own", _l("Do you take your medicines on your own, at the right times?"))]},
    "community_mobility": {"domain": "IADL", "label": _l("Getting around outside"), "questions": [
        ("drives", _l("Do you drive?")),
        ("transport", _l("Do you use buses or taxis on your own?"))]},
    "finances": {"domain": "IADL", "label": _l("Money and bills"), "questions": [
        ("pays_bills", _l("Do you pay your own bills?"))]},
    "communication": {"domain": "IADL", "label": _l("Phone and communication"), "questions": [
        ("phone", _l("Can you use the phone to call someone?"))]},
    "safety": {"domain": "IADL", "label": _l("Safety at home"), "questions": [
        ("falls", _l("Have you fallen in the last year?")),
        ("emergency", _l("Would you know how to get help in an emergency?"))]},
    "leisure": {"domain": "IADL", "label": _l("Leisure and social life"), "questions": [
        ("hobbies", _l("Do you do the things you enjoy?"))]},
    "education": {"domain": "IADL", "label": _l("School and learning"), "questions": [
        ("writing", _l("Can you keep up with writing at school?"))]},
}

# FIM-style ordinal independence scale.
INDEPENDENCE = {
    7: _l("7 · Complete independence"),
    6: _l("6 · Modified independence (uses a device or takes longer)"),
    5: _l("5 · Supervision or set-up"),
    4: _l("4 · Minimal assistance (does 75% or more)"),
    3: _l("3 · Moderate assistance (does 50–74%)"),
    2: _l("2 · Maximal assistance (does 25–49%)"),
    1: _l("1 · Total assistance (does less than 25%)"),
}

GAS_LEVELS = {
    -2: _l("-2 · Much less than expected"),
    -1: _l("-1 · Less than expected"),
    0: _l("0 · Expected outcome"),
    1: _l("+1 · More than expected"),
    2: _l("+2 · Much more than expected"),
}

GOAL_STATUSES = {"active": _l("Working on it"), "achieved": _l("Achieved"),
                 "discontinued": _l("Stopped")}

ROOMS = {"entrance": _l("Entrance and steps"), "hall": _l("Hall and stairs"),
         "living": _l("Living room"), "kitchen": _l("Kitchen"), "bathroom": _l("Bathroom"),
         "toilet": _l("Toilet"), "bedroom": _l("Bedroom"), "outside": _l("Garden and outside")}

MODIFICATIONS = {
    "grab_bar": _l("Grab bar"), "ramp": _l("Ramp"), "wider_door": _l("Wider doorway"),
    "lever_handles": _l("Lever or flat door handles"), "counter_height": _l("Counter height"),
    "shower_chair": _l("Shower chair"), "raised_toilet_seat": _l("Raised toilet seat"),
    "lighting": _l("Better lighting"), "non_slip_mat": _l("Non-slip mat"),
    "handrail": _l("Stair handrail"), "remove_rugs": _l("Remove loose rugs"),
    "bed_rail": _l("Bed rail"),
}

MODIFICATION_STATUSES = {"recommended": _l("Recommended"), "in_progress": _l("In progress"),
                         "installed": _l("Installed"), "not_needed": _l("Not needed")}

WEEKDAYS = [_l("Mon"), _l("Tue"), _l("Wed"), _l("Thu"), _l("Fri"), _l("Sat"), _l("Sun")]
