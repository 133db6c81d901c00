"""Schemathesis hooks for tools/api-conformance: real ids and real credentials, so generated
requests get past 404 and 401 into the ballots' rules and the operator API.

Schemathesis draws campaign and ballot ids, votes and credentials from docs/openapi.json; left
alone, nearly every request would be answered 404 `unknown-campaign` or 401. These hooks turn
four of five positive cases (chosen by a hash of the case, so a failing case replays the same)
into requests on the example campaigns the server runs: a ballot that fits the operation, a
vote that fits the ballot's method, and the credential its campaign takes (a voter token signed
with the campaign's secret, an invite code the script loaded, or an `X-Voter-Id`). Operator
requests get the operator key from schemathesis's own auth configuration (the script writes
it); receipts and idea ids answered earlier are handed to the receipt and idea-status
operations. The fifth case, and every negative one, is sent as generated.

Reads VOXPOP_CONFORMANCE_URL, VOXPOP_CONFORMANCE_SECRETS (JSON: campaign id to its token secret) and
VOXPOP_CONFORMANCE_INVITES (JSON: the codes loaded on the invite campaign) from the environment.
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
    ("POST", ADMIN + "/close"): [("candidate-hires", "shortlist"), ("airline-summer", "nominations"),
                                 ("product-name", "name"), ("drawings-to-toys", "toys")],
    ("POST", ADMIN + "/publish"): [("candidate-hires", "shortlist"), ("airline-summer", "nominations")],
    ("GET", ADMIN + "/tally"): "all",
    ("GET", ADMIN + "/write-ins"): [("airline-summer", "nominations"), ("idea-forum", "ideas")],
    ("POST", ADMIN + "/write-ins"): [("airline-summer", "nominations"), ("airline-summer", "final")],
    ("GET", ADMIN + "/ideas"): [("idea-forum", "ideas")],
    ("POST", ADMIN + "/ideas"): [("idea-forum", "ideas"), ("idea-forum", "ideas"), ("quick-poll", "colour")],
    ("POST", "/v1/admin/campaigns/{campaign}/invites"): [("candidate-hires", None), ("quick-poll", None)],
}

_lock = threading.Lock()
_campaigns = {}
_receipts = []
_ideas = []


def _campaign(campaign_id):
    """The campaign's public definition, read once from the server."""
    with _lock:
        if campaign_id not in _campaigns:
            with urllib.request.urlopen(f"{BASE}/v1/campaigns/{campaign_id}", timeout=10) as answer:
                _campaigns[campaign_id] = json.load(answer)
        return _campaigns[campaign_id]


def _all_ballots():
    with urllib.request.urlopen(f"{BASE}/v1/campaigns", timeout=10) as answer:
        listing = json.load(answer)
    return [(campaign["id"], ballot["id"]) for campaign in listing["campaigns"] for ballot in campaign["ballots"]]


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
    case.path_parameters["campaign"] = campaign_id
    if ballot_id is not None and "ballot" in case.path_parameters:
        case.path_parameters["ballot"] = ballot_id
    with _lock:
        if "receipt" in case.path_parameters and _receipts:
            case.path_parameters["receipt"] = _receipts[draw % len(_receipts)]
        if key == ("POST", ADMIN + "/ideas") and isinstance(case.body, dict) and _ideas:
            case.body["id"] = _ideas[draw % len(_ideas)]
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
# parameters with ids that earlier answers named).
KEPT_OPEN = {("quick-poll", "colour"), ("idea-forum", "ideas")}


@schemathesis.hook
def before_call(context, case, **kwargs):
    """Points a close or publish of a ballot that must stay open at the product naming instead."""
    parameters = case.path_parameters or {}
    if case.operation.path in (ADMIN + "/close", ADMIN + "/publish") and \
            (parameters.get("campaign"), parameters.get("ballot")) in KEPT_OPEN:
        parameters["campaign"], parameters["ballot"] = "product-name", "name"


@schemathesis.hook
def after_call(context, case, response):
    """Keeps the receipts and idea ids the server answered, for the operations that look them up."""
    if response.status_code not in (200, 201):
        return
    try:
        body = response.json()
    except ValueError:
        return
    with _lock:
        if isinstance(body, dict) and isinstance(body.get("receipt"), str) and "acceptedAt" in body:
            _receipts.append(body["receipt"])
        if isinstance(body, dict) and isinstance(body.get("id"), str) and body["id"].startswith("idea-"):
            _ideas.append(body["id"])
        for idea in body.get("ideas", []) if isinstance(body, dict) else []:
            if isinstance(idea, dict) and isinstance(idea.get("id"), str):
                _ideas.append(idea["id"])
        del _receipts[:-200], _ideas[:-200]
