"""msgmock.py - the tests' side of the message providers' mock
(scripts/propfee-mock-msg, started with the stack): its routes of its
own, as JSON."""

import importlib.machinery
import json
import os
import urllib.parse
import urllib.request

from lib import ROOT, VAR

_loader = importlib.machinery.SourceFileLoader(
    "mock_msg", os.path.join(ROOT, "scripts", "propfee-mock-msg"))
mock_msg = _loader.load_module()

CONF = os.path.join(VAR, "propfee.conf")


def conf(key):
    return mock_msg.read_conf(CONF)[key]


def mock(method, path, body=None):
    """The mock's answer to a request of its own routes, as JSON."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(conf("msg_mock_url") + path, data=data, method=method)
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())


def received(address=None, channel=None):
    q = {}
    if address:
        q["address"] = address
    if channel:
        q["channel"] = channel
    return mock("GET", "/_received" + ("?" + urllib.parse.urlencode(q) if q else ""))


def attempts(address):
    return mock("GET", "/_attempts?address=" + urllib.parse.quote(address))


def rules(address, **kw):
    kw["address"] = address
    mock("POST", "/_control", kw)
