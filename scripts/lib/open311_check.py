"""Open311 GeoReport v2 against a served govreg, with client libraries from PyPI that no code
of govreg's wrote (scripts/open311-check runs this with the pinned packages installed).

  georeport 0.3.1  lists services, reads definitions, reads requests (one and many), in JSON
                   and XML. It has no call to file a request.
  open311 1.1      written for Python 2: it imports its own modules by implicit relative
                   imports, parses XML with Element.getchildren() (gone since Python 3.9) and
                   posts a str where Python 3 needs bytes. With its folders on sys.path and the
                   str encoded on the way out (a shim of one line, below), its JSON calls work:
                   post_service_request (the api_key in the query string, as it sends it) and
                   get_service_request. Its XML parsing cannot run on Python 3.

What neither client can do is done with plain HTTP (urllib) and said so in the output:
filing a request in XML, and reading the error bodies' format.

Usage: python3 open311_check.py BASE_URL TENANT OTHER_TENANT KEY OTHER_KEY REVOKED_KEY ORG_CODE
"""
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

import requests
import xmltodict
from georeport import GeoReport

base, tenant, other_tenant, key, other_key, revoked_key, org_code = sys.argv[1:8]
root = f"{base}/open311/{tenant}/v2"
other_root = f"{base}/open311/{other_tenant}/v2"
failures = []
PERSONAL = ["王秀兰", "秀兰", "13912345678", "马固村村口", "wang.xiulan@example.com", "device-0042", "34.79", "门口的井盖"]


def check(condition, what):
    print(("ok    " if condition else "FAIL  ") + what)
    if not condition:
        failures.append(what)


def no_personal_data(text, what):
    leaked = [word for word in PERSONAL if word in text]
    check(not leaked, f"{what}: no personal data in the answer" + (f" (found {leaked})" if leaked else ""))


def load_open311():
    """The open311 package's Open311 class, on Python 3 (see the module's docstring).

    Python 2 read `from api import API` inside the package `api` as api/api.py; Python 3
    reads it as the package itself. So the package `api` is made here from api/api.py, as
    Python 2 saw it, and open311/open311.py is loaded as a file. Nothing of the client's own
    code is changed but the one line that encodes the POST body.
    """
    import importlib.util
    import types

    def load(name, path):
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        return module

    folder = os.path.dirname(importlib.util.find_spec("open311").origin)
    # xml2dict (a package beside api.py) imports object_dict as a top-level module.
    sys.path[:0] = [os.path.join(folder, "api"), os.path.join(folder, "api", "xml2dict")]
    package = types.ModuleType("api")
    package.__path__ = [os.path.join(folder, "api")]
    sys.modules["api"] = package
    inner = load("api.api", os.path.join(folder, "api", "api.py"))
    package.API, package.urlopen, package.urlencode = inner.API, inner.urlopen, inner.urlencode
    module = load("open311_client", os.path.join(folder, "open311.py"))
    real = urllib.request.urlopen
    module.urlopen = lambda url, data=None: real(url, data.encode() if isinstance(data, str) else data)
    return module.Open311


def plain(method, url, form=None):
    """Plain HTTP: the status, the content type and the body."""
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode()


def standard_error(status, body, fmt, code):
    """Whether `body` is the standard's error document for `code`."""
    if status != code:
        return False
    if fmt == "json":
        errors = json.loads(body)
        return isinstance(errors, list) and errors[0]["code"] == code and errors[0]["description"]
    errors = xmltodict.parse(body)["errors"]["error"]
    return int(errors["code"]) == code and bool(errors["description"])


report = {
    "service_code": "public_facilities", "lat": "34.79", "long": "113.38", "address_string": "马固村村口",
    "description": "门口的井盖松动\n晚上看不清 <小心> & 注意", "first_name": "秀兰", "last_name": "王",
    "phone": "13912345678", "email": "wang.xiulan@example.com", "device_id": "device-0042",
    f"attribute[org_code]": org_code, "attribute[quantity]": "2",
}

print(f"== georeport 0.3.1 against {root}")
filed = {}
for fmt in ("json", "xml"):
    client = GeoReport(root, output_format=fmt)
    services = client.get_service_list()
    codes = [service["service_code"] for service in services]
    check("public_facilities" in codes and len(codes) >= 14, f"georeport {fmt}: get_service_list lists the district's categories ({len(codes)})")
    facilities = next(service for service in services if service["service_code"] == "public_facilities")
    check(facilities["service_name"] == "公共设施" and str(facilities["metadata"]).lower() == "true",
          f"georeport {fmt}: the service is named in Chinese and has metadata")
    definition = client.get_service_definition("public_facilities")
    attributes = definition["attributes"] if fmt == "json" else definition["attributes"]["attribute"]
    org = next(attribute for attribute in attributes if attribute["code"] == "org_code")
    check(str(org["required"]).lower() == "true", f"georeport {fmt}: get_service_definition says org_code is required")
    try:
        client.get_service_definition("no_such_service")
        check(False, f"georeport {fmt}: an unknown service code is refused")
    except requests.HTTPError as error:
        check(standard_error(error.response.status_code, error.response.text, fmt, 404),
              f"georeport {fmt}: an unknown service code is a 404 in the standard's error format")

print("== open311 1.1 (Python 3 shim), JSON")
Open311 = load_open311()
o311 = Open311(endpoint=root, format="json", api_key=key)
answer = o311.post_service_request(**report)
filed["json"] = answer[0]["service_request_id"]
check(bool(filed["json"]), f"open311: post_service_request files a request (service_request_id {filed['json']})")
fetched = o311.get_service_request(filed["json"])
check(fetched[0]["status"] == "open" and fetched[0]["service_code"] == "public_facilities",
      "open311: get_service_request reads it back (open, public_facilities)")
no_personal_data(json.dumps(fetched, ensure_ascii=False), "open311: get_service_request")
for bad, what, code in ((Open311(endpoint=root, format="json", api_key="o311_not-a-key"), "a bad api_key", 403),
                        (Open311(endpoint=root, format="json", api_key=other_key), "another district's api_key", 403),
                        (Open311(endpoint=root, format="json", api_key=revoked_key), "a revoked api_key", 403)):
    try:
        bad.post_service_request(**report)
        check(False, f"open311: {what} is refused")
    except urllib.error.HTTPError as error:
        check(standard_error(error.code, error.read().decode(), "json", code), f"open311: {what} is a {code} in the standard's format")
missing = {name: value for name, value in report.items() if name != "attribute[org_code]"}
try:
    o311.post_service_request(**missing)
    check(False, "open311: a missing required attribute is refused")
except urllib.error.HTTPError as error:
    body = error.read().decode()
    check(standard_error(error.code, body, "json", 400) and "attribute[org_code]" in body,
          "open311: a missing required attribute is a 400 naming attribute[org_code]")
try:
    Open311(endpoint=other_root, format="json").get_service_request(filed["json"])
    check(False, "open311: another district's request id is not found")
except urllib.error.HTTPError as error:
    check(error.code == 404, "open311: another district's request id is a 404")

print("== plain HTTP (neither client files a request in XML)")
status, kind, body = plain("POST", f"{root}/requests.xml", dict(report, api_key=key))
check(status == 201 and kind.startswith("text/xml"), f"plain HTTP: POST requests.xml answers 201 in XML ({status})")
filed["xml"] = xmltodict.parse(body)["service_requests"]["request"]["service_request_id"]
status, _, body = plain("POST", f"{root}/requests.xml", {name: value for name, value in report.items()})
check(standard_error(status, body, "xml", 403), "plain HTTP: POST requests.xml without an api_key is a 403 in the standard's XML")
status, _, body = plain("POST", f"{root}/requests.xml", dict(missing, api_key=key))
check(standard_error(status, body, "xml", 400) and "attribute[org_code]" in body,
      "plain HTTP: a missing required attribute is a 400 in XML naming attribute[org_code]")
status, _, body = plain("POST", f"{root}/requests.xml", dict(report, api_key=key, service_code="no_such_service"))
check(standard_error(status, body, "xml", 404), "plain HTTP: POST with an unknown service code is a 404 in XML")

print("== georeport 0.3.1: the requests filed above, read back")
for fmt in ("json", "xml"):
    client = GeoReport(root, output_format=fmt)
    for made, number in filed.items():
        one = client.get_service_request(number)
        check(one["service_request_id"] == number and one["status"] == "open" and one["status_notes"] == "已受理 received",
              f"georeport {fmt}: get_service_request reads the request filed in {made} ({number}: open, 已受理 received)")
        no_personal_data(json.dumps(one, ensure_ascii=False), f"georeport {fmt}: get_service_request {number}")
    many = client.get_service_requests(service_request_id=",".join(filed.values()))
    many = many if isinstance(many, list) else [many]
    check(sorted(request["service_request_id"] for request in many) == sorted(filed.values()),
          f"georeport {fmt}: get_service_requests by id lists both")
    listed = client.get_service_requests(service_code="public_facilities", status="open")
    listed = listed if isinstance(listed, list) else [listed]
    check(set(filed.values()) <= {request["service_request_id"] for request in listed},
          f"georeport {fmt}: get_service_requests by service code and status lists both")
    no_personal_data(json.dumps(listed, ensure_ascii=False), f"georeport {fmt}: get_service_requests")
    try:
        GeoReport(other_root, output_format=fmt).get_service_request(filed["json"])
        check(False, f"georeport {fmt}: another district's request id is not found")
    except requests.HTTPError as error:
        check(standard_error(error.response.status_code, error.response.text, fmt, 404),
              f"georeport {fmt}: another district's request id is a 404 in the standard's format")

print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
