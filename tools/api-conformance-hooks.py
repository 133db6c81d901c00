"""Schemathesis hooks for tools/api-conformance: real ids and real credentials, so generated
requests get past 404 and 401 into the ballots' rules and the operator API.

Schemathesis draws campaign and ballot ids, votes and credentials from docs/openapi.json; left
alone, nearly every request would be answered 404 `unknown-campaign` or 401. These hooks turn
four of five positive cases (chosen by a hash of the case, so a failing case replays the same)
into requests on the example campaigns the server runs: a ballot that fits the operation, a
vote that fits the ballot's method, and the credential its campaign takes (a voter token signed
with the campaign's secret, an invite code the script loaded or one minted during the run, or
an `X-Voter-Id`). Operator requests get the operator key from schemathesis's own auth
configuration (the script writes it); receipts and idea ids answered earlier are handed to the
receipt and idea operations.

The operator desk gets bodies that name real things, so its requests reach the engine rather
than stopping at 400 or 404: write-in actions (approve, reject, merge, label, dismiss) on the
airline nominations' real groups, merged into real groups or options and dismissing real
suggestions, read from the server and from each review it answers; withdrawals of real options
(a write-in's by the slug of its text); idea merges into open ideas and official replies; a few
invite codes minted at a time, and minted codes (some used, in any spelling) revoked; the log
paged with cursors it answered, for real campaigns and ballots. The fifth case, and every
negative one, is sent as generated.

Reads VOXPOP_CONFORMANCE_URL, VOXPOP_CONFORMANCE_SECRETS (JSON: campaign id to its token secret),
VOXPOP_CONFORMANCE_INVITES (JSON: the codes loaded on the invite campaign) and
VOXPOP_CONFORMANCE_OPERATOR_KEY (to read the write-ins) from the environment.
"""

import base64
import hashlib
import hmac
import json
import os
import threading
import time
import urllib.request

import schemathesis

BASE = os.environ.get("VOXPOP_CONFORMANCE_URL", "http://127.0.0.1:8080")
SECRETS = json.loads(os.environ.get("VOXPOP_CONFORMANCE_SECRETS", "{}"))
INVITES = json.loads(os.environ.get("VOXPOP_CONFORMANCE_INVITES", "[]"))
OPERATOR_KEY = os.environ.get("VOXPOP_CONFORMANCE_OPERATOR_KEY", "")

# The ballots each operation is pointed at. Closing and publishing never touch the quick poll
# or the idea forum (see KEPT_OPEN), so votes and suggestions there stay possible all run long.
VOTING = "/v1/campaigns/{campaign}/ballots/{ballot}"
ADMIN = "/v1/admin/campaigns/{campaign}/ballots/{ballot}"
TARGETS = {
    ("POST", VOTING + "/votes"): "all",
    ("GET", VOTING + "/results"): "all",
    ("GET", VOTING + "/receipts/{receipt}"): "all",
    ("GET", VOTING + "/ideas"): [("idea-forum", "ideas"), ("quick-poll", "colour")],
    ("POST", VOTING + "/ideas"): [("idea-forum", "ideas"), ("idea-forum", "ideas"), ("quick-poll", "colour")],
    ("GET", "/v1/campaigns/{campaign}"): "all",
    # The product naming opens an hour after the start (tools/api-conformance): one ballot to open.
    ("POST", ADMIN + "/open"): [("product-name", "name"), ("airline-summer", "final"),
                                ("candidate-hires", "shortlist")],
    ("POST", ADMIN + "/close"): [("candidate-hires", "shortlist"), ("airline-summer", "nominations"),
                                 ("product-name", "name"), ("drawings-to-toys", "toys")],
    ("POST", ADMIN + "/publish"): [("candidate-hires", "shortlist"), ("airline-summer", "nominations")],
    ("POST", ADMIN + "/withdraw"): [("candidate-hires", "shortlist"), ("drawings-to-toys", "toys"),
                                    ("airline-summer", "nominations")],
    ("GET", ADMIN + "/tally"): "all",
    ("GET", ADMIN + "/write-ins"): [("airline-summer", "nominations"), ("airline-summer", "nominations"),
                                    ("idea-forum", "ideas")],
    ("POST", ADMIN + "/write-ins"): [("airline-summer", "nominations"), ("airline-summer", "nominations"),
                                     ("airline-summer", "nominations"), ("airline-summer", "final")],
    ("GET", ADMIN + "/ideas"): [("idea-forum", "ideas")],
    ("POST", ADMIN + "/ideas"): [("idea-forum", "ideas"), ("idea-forum", "ideas"), ("quick-poll", "colour")],
    ("GET", "/v1/admin/campaigns/{campaign}/invites"): [("candidate-hires", None), ("candidate-hires", None),
                                                         ("quick-poll", None)],
    ("POST", "/v1/admin/campaigns/{campaign}/invites"): [("candidate-hires", None), ("quick-poll", None)],
    ("POST", "/v1/admin/campaigns/{campaign}/invites/revoke"): [("candidate-hires", None), ("candidate-hires", None),
                                                                ("quick-poll", None)],
    ("GET", "/v1/admin/log"): [(None, None)],
}

# What each ballot may have withdrawn: options no hook vote needs, so voting goes on; on the
# nominations, two places the script writes in for this (a write-in's option id is the slug of
# its text), so the others go on to the final.
WITHDRAWABLE = {
    ("candidate-hires", "shortlist"): ["ole-martin-dahl", "maria-nguyen"],
    ("drawings-to-toys", "toys"): [f"drawing-{n:03d}" for n in range(90, 101)],
    ("airline-summer", "nominations"): ["somewhere-else", "somewhere-far"],
}
# What ideas are merged into: the forum's own options that no hook decline targets.
IDEA_TARGETS = ["shared-lists", "receipt-scan"]

_lock = threading.Lock()
_campaigns = {}
_receipts = []
_ideas = []
# What the desk answered: each ballot's write-in review (groups, suggestions, options), codes
# minted, log cursors.
_reviews = {}
_minted = []
_cursors = []


def _campaign(campaign_id):
    """The campaign's public definition, read once from the server."""
    with _lock:
        if campaign_id not in _campaigns:
            with urllib.request.urlopen(f"{BASE}/v1/campaigns/{campaign_id}", timeout=10) as answer:
                _campaigns[campaign_id] = json.load(answer)
        return _campaigns[campaign_id]


def _campaign_now(campaign_id):
    """The campaign's public definition as it is now."""
    with urllib.request.urlopen(f"{BASE}/v1/campaigns/{campaign_id}", timeout=10) as answer:
        return json.load(answer)


def _all_ballots():
    with urllib.request.urlopen(f"{BASE}/v1/campaigns", timeout=10) as answer:
        listing = json.load(answer)
    return [(campaign["id"], ballot["id"]) for campaign in listing["campaigns"] for ballot in campaign["ballots"]]


def _review(campaign_id, ballot_id):
    """The ballot's write-in review as last answered (read from the server the first time)."""
    key = (campaign_id, ballot_id)
    with _lock:
        if key in _reviews:
            return _reviews[key]
    request = urllib.request.Request(
        f"{BASE}/v1/admin/campaigns/{campaign_id}/ballots/{ballot_id}/write-ins?per=500",
        headers={"Authorization": f"Bearer {OPERATOR_KEY}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            review = json.load(answer)
    except (OSError, ValueError):
        review = {}
    with _lock:
        return _reviews.setdefault(key, review)


def _respelled(code, draw):
    """An invite code as a voter might retype it: lower case, spaces for hyphens, or none."""
    return (code, code.lower(), code.replace("-", " "), code.replace("-", "").lower())[draw % 4]


def _desk_body(key, body, campaign_id, ballot_id, draw):
    """A body for an operator desk operation that names real things, or None to keep `body`."""
    path = key[1]
    if path == ADMIN + "/write-ins":
        review = _review(campaign_id, ballot_id)
        groups = [group for group in review.get("writeIns", []) if isinstance(group, dict)]
        if not groups:
            return None
        def pick(count, offset=0):
            chosen = [groups[(draw // 7 + offset + step * 13) % len(groups)]["id"] for step in range(count)]
            return list(dict.fromkeys(chosen))
        action = ("merge", "merge", "label", "approve", "reject", "dismiss")[draw % 6]
        ids = pick(1 + draw % 3)
        target = {"ids": ids} if draw % 2 else {"id": ids[0]}
        if action == "merge":
            options = [option["label"] for option in review.get("options", [])]
            candidates = [group["label"] for group in groups if group["id"] not in ids] + options
            if not candidates:
                return None
            return dict(target, action="merge", into=candidates[(draw // 11) % len(candidates)])
        if action == "label":
            return {"id": ids[0], "action": "label", "label": None if draw % 9 == 0 else f"Place number {draw % 40}"}
        if action == "dismiss":
            suggestions = review.get("suggestions", [])
            return {"id": suggestions[draw % len(suggestions)]["id"] if suggestions else ids[0], "action": "dismiss"}
        return dict(target, action=action)
    if path == ADMIN + "/withdraw":
        options = WITHDRAWABLE.get((campaign_id, ballot_id))
        return {"options": [options[draw % len(options)]]} if options else None
    if path == ADMIN + "/ideas":
        with _lock:
            ideas = list(_ideas)
        if not ideas:
            return None
        idea = ideas[draw % len(ideas)]
        mode = body.get("action") if isinstance(body, dict) else None
        if mode == "merge" or (mode is None and draw % 4 == 1):
            suggested = [known for known in ideas if known.startswith("idea-")] or ideas
            return {"id": suggested[draw % len(suggested)], "action": "merge",
                    "into": IDEA_TARGETS[draw % len(IDEA_TARGETS)]}
        if mode == "reply" or (mode is None and draw % 4 == 2):
            return {"id": idea, "action": "reply", "text": None if draw % 5 == 0 else f"Thank you: reply {draw % 97}"}
        status = body.get("status") if isinstance(body, dict) else None
        if idea not in IDEA_TARGETS and isinstance(status, str):
            return {"id": idea, "status": status}
        return {"id": idea, "status": "planned"}
    if path.endswith("/invites/revoke"):
        with _lock:
            minted = list(_minted)
        if not minted:
            return None
        codes = [_respelled(minted[(draw + step * 5) % len(minted)], draw // 3 + step) for step in range(1 + draw % 3)]
        return {"codes": codes + (["NOT-A-CODE-OF-THIS-CAMPAIGN"] if draw % 4 == 0 else [])}
    if path.endswith("/invites"):
        if isinstance(body, dict) and "codes" in body and draw % 3:
            return {"codes": [f"CONFORMANCE-LOADED-{draw % 10_000:04d}-{step}" for step in range(1 + draw % 3)]}
        return {"count": 1 + draw % 5}
    return None


def token(secret, campaign, voter):
    """A voter token as `voxpop token` mints one: HS256, sub, aud, exp an hour ahead."""
    def part(data):
        return base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).rstrip(b"=").decode()
    signing = part({"alg": "HS256", "typ": "JWT"}) + "." + part(
        {"sub": voter, "aud": campaign, "exp": int(time.time()) + 3600})
    signature = hmac.new(secret.encode(), signing.encode(), hashlib.sha256).digest()
    return signing + "." + base64.urlsafe_b64encode(signature).rstrip(b"=").decode()


def _valid_vote(ballot, draw):
    """A vote the ballot's rules take, or None for a ballot with no options yet."""
    options = [option["id"] for option in ballot.get("options", [])]
    method = ballot["method"]
    if ballot.get("writeIns") and method not in ("score", "cumulative") and draw % 3 == 0:
        return {"writeIn": f"Somewhere {draw % 7}"}
    if not options:
        return None
    first = options[draw % len(options)]
    if method in ("score", "cumulative"):
        return {"points": {first: 1}}
    if method == "plurality":
        return {"choices": [first]}
    count = min(len(options), ballot.get("maxChoices") or 3, 1 + draw % 3)
    return {"choices": [options[(draw + index) % len(options)] for index in range(count)]}


def _credentials(campaign, draw):
    identity = campaign["identity"]
    voter = f"conformance-{draw % 100_000}"
    if identity == "token":
        secret = SECRETS.get(campaign["id"])
        return {"Authorization": "Bearer " + token(secret, campaign["id"], voter)} if secret else {}
    if identity == "invite":
        with _lock:
            minted = list(_minted)
        if minted and draw % 3 == 0:
            return {"X-Invite-Code": _respelled(minted[draw % len(minted)], draw // 3)}
        return {"X-Invite-Code": INVITES[draw % len(INVITES)]} if INVITES else {}
    return {"X-Voter-Id": voter}


@schemathesis.hook
def map_case(context, case):
    operation = case.operation
    key = (operation.method.upper(), operation.path)
    meta = case.meta
    if key not in TARGETS or meta is None or meta.generation.mode.is_negative:
        return case
    draw = int(hashlib.sha256(repr((key, case.path_parameters, case.body, dict(case.headers or {})))
                              .encode()).hexdigest()[:12], 16)
    if draw % 5 == 0:
        return case  # as generated: unknown ids, no credential
    targets = TARGETS[key]
    if targets == "all":
        targets = _all_ballots()
    campaign_id, ballot_id = targets[draw % len(targets)]
    if campaign_id is not None:
        case.path_parameters["campaign"] = campaign_id
    if ballot_id is not None and "ballot" in case.path_parameters:
        case.path_parameters["ballot"] = ballot_id
    with _lock:
        if "receipt" in case.path_parameters and _receipts:
            case.path_parameters["receipt"] = _receipts[draw % len(_receipts)]
    if operation.method.upper() == "POST" and operation.path.startswith("/v1/admin/campaigns/"):
        body = _desk_body(key, case.body, campaign_id, ballot_id, draw)
        if body is not None:
            case.body = body
    if key == ("GET", ADMIN + "/write-ins"):
        groups = _review(campaign_id, ballot_id).get("writeIns", [])
        case.query = {"page": str(1 + draw % 3), "per": str(1 + draw % 60)}
        if groups and draw % 3 == 0:
            case.query["q"] = groups[draw % len(groups)]["label"][:4]
    if key == ("GET", "/v1/admin/log"):
        ballots = _all_ballots()
        case.query = {"limit": str(1 + draw % 30)}
        with _lock:
            if _cursors and draw % 2:
                case.query["before"] = _cursors[draw % len(_cursors)]
        if draw % 3 == 0:
            case.query["campaign"], case.query["ballot"] = ballots[draw % len(ballots)]
        elif draw % 3 == 1:
            case.query["campaign"] = ballots[draw % len(ballots)][0]
    if operation.path.startswith("/v1/campaigns/") and operation.method.upper() == "POST":
        campaign = _campaign(campaign_id)
        if key[1].endswith("/votes") and draw % 2 == 0:
            ballot = next((b for b in campaign["ballots"] if b["id"] == ballot_id), None)
            vote = _valid_vote(ballot, draw // 5) if ballot else None
            if vote is not None:
                case.body = vote
        if case.headers is None:
            case.headers = {}
        for name in ("Authorization", "X-Invite-Code", "X-Voter-Id"):
            case.headers.pop(name, None)
        case.headers.update(_credentials(campaign, draw // 7))
    return case


# Ballots no operator request may close, whatever schemathesis drew (it also fills path
# parameters with ids that earlier answers named). The airline nominations stay open for the
# write-in desk all run long; the script closes them after, for the review window.
KEPT_OPEN = {("quick-poll", "colour"), ("idea-forum", "ideas"), ("airline-summer", "nominations")}


@schemathesis.hook
def before_call(context, case, **kwargs):
    """Points a close or publish of a ballot that must stay open at the product naming instead,
    and an open of an example ballot at the product naming while it is still scheduled (a case
    with no body draws the same target every time, which may never be the one to open)."""
    parameters = case.path_parameters or {}
    target = (parameters.get("campaign"), parameters.get("ballot"))
    if case.operation.path in (ADMIN + "/close", ADMIN + "/publish") and target in KEPT_OPEN:
        parameters["campaign"], parameters["ballot"] = "product-name", "name"
    if case.operation.path == ADMIN + "/open" and target in TARGETS[("POST", ADMIN + "/open")]:
        product = next(ballot for ballot in _campaign_now("product-name")["ballots"] if ballot["id"] == "name")
        if product["state"] == "scheduled":
            parameters["campaign"], parameters["ballot"] = "product-name", "name"


@schemathesis.hook
def after_call(context, case, response):
    """Keeps what the server answered for the operations that look it up: receipts, idea ids,
    write-in reviews, minted invite codes and log cursors."""
    if response.status_code not in (200, 201):
        return
    try:
        body = response.json()
    except ValueError:
        return
    parameters = case.path_parameters or {}
    with _lock:
        if isinstance(body, dict) and isinstance(body.get("writeIns"), list) and body.get("page") == 1 \
                and not (case.query or {}).get("q") and parameters.get("campaign"):
            _reviews[(parameters["campaign"], parameters.get("ballot"))] = body
        if isinstance(body, dict) and response.status_code == 201 and isinstance(body.get("codes"), list):
            _minted.extend(code for code in body["codes"] if isinstance(code, str))
            del _minted[:-100]
        if isinstance(body, dict) and isinstance(body.get("next"), str) and "entries" in body:
            _cursors.append(body["next"])
            del _cursors[:-50]
        if isinstance(body, dict) and isinstance(body.get("receipt"), str) and "acceptedAt" in body:
            _receipts.append(body["receipt"])
        if isinstance(body, dict) and isinstance(body.get("id"), str) and body["id"].startswith("idea-"):
            _ideas.append(body["id"])
        for idea in body.get("ideas", []) if isinstance(body, dict) else []:
            if isinstance(idea, dict) and isinstance(idea.get("id"), str):
                _ideas.append(idea["id"])
        del _receipts[:-200], _ideas[:-200]
