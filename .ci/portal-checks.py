#!/usr/bin/env python3
"""The SigningPortal example's checks (issue 17), called by .ci/portal with the portal's binary.

1. end to end in headless Chromium (selenium + chromedriver): the sender logs in, uploads a PDF,
   adds a witness participant and sends; the counterparty opens the invitation link, types the
   OTP, sees the PDF, consents and signs; the sender sees "completed" and downloads; the download
   passes validate-pdf --expect B-LTA with the sandbox root. Screenshots of every step at desktop
   width and at 375 px go to the artifacts folder;
2. browser security checks: wrong OTPs lock the participant out; a used link and an expired link
   get a page that explains; a cross-site POST without the CSRF token is refused (and the same
   request with the token passes);
3. schemathesis against /api/v1/openapi.json with a bearer token: no 5xx, no schema violation;
4. load: wrk against the status and search pages, and 50 concurrent signing flows over HTTP whose
   PDFs pyHanko must all find intact, valid and trusted.
Quiet on success except for one line per part with its numbers; a failure says what and exits 1.
"""
import argparse
import concurrent.futures
import http.server
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

import requests

ARGS = None
TIMINGS = {}


class CheckFailed(Exception):
    pass


def fail(message):
    raise CheckFailed(message)


def expect(condition, message):
    if not condition:
        fail(message)


# MARK: the portal process

class Portal:
    """One SigningPortal process on a free loopback port with its own data folder."""

    def __init__(self, name, extra=()):
        self.data = os.path.join(ARGS.work, name)
        os.makedirs(self.data, exist_ok=True)
        self.token = subprocess.run([ARGS.bin, "issue-token", "--data", self.data, "--name", "ci"], check=True,
                                    capture_output=True, text=True).stdout.strip()
        self.log_path = os.path.join(ARGS.artifacts, f"{name}.log")
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen([ARGS.bin, "--port", "0", "--data", self.data, *extra],
                                        stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 120
        while time.time() < deadline:
            match = re.search(r"SigningPortal listening on (http://127\.0\.0\.1:(\d+))", open(self.log_path).read())
            if match:
                self.url, self.port = match.group(1), int(match.group(2))
                break
            if self.process.poll() is not None:
                fail(f"the portal {name} exited with {self.process.returncode} before listening; see {self.log_path}")
            time.sleep(0.2)
        else:
            fail(f"the portal {name} did not print its listening line within 120 s; see {self.log_path}")
        self.root = os.path.join(self.data, "sandbox-root.pem")
        self.api = requests.Session()
        self.api.headers["Authorization"] = f"Bearer {self.token}"

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()

    def outbox(self):
        path = os.path.join(self.data, "outbox.jsonl")
        if not os.path.exists(path):
            return []
        with open(path) as handle:
            return [json.loads(line) for line in handle if line.strip()]

    def message(self, kind, timeout=60, **fields):
        """The newest outbox message of `kind` whose fields match, waiting for it."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = [m for m in self.outbox() if m.get("kind") == kind and all(m.get(k) == v for k, v in fields.items())]
            if found:
                return found[-1]
            time.sleep(0.1)
        fail(f"no '{kind}' message for {fields} in {self.data}/outbox.jsonl within {timeout} s")

    def create_sent_contract(self, title, counterparty="株式会社テスト", email="hanako@example.com", pdf=None):
        """Creates, adds one witness participant and sends, through the API; returns (id, participant)."""
        query = urllib.parse.urlencode({"title": title, "counterparty": counterparty, "amount": "1200000", "transactionDate": "2026-11-30"})
        response = self.api.post(f"{self.url}/api/v1/contracts?{query}", data=pdf or ARGS.pdf_bytes,
                                 headers={"Content-Type": "application/pdf"})
        expect(response.status_code == 201, f"API create: {response.status_code} {response.text[:300]}")
        contract = response.json()["id"]
        response = self.api.post(f"{self.url}/api/v1/contracts/{contract}/participants",
                                 json={"name": "山田 花子", "email": email, "method": "witness"})
        expect(response.status_code == 201, f"API participant: {response.status_code} {response.text[:300]}")
        response = self.api.post(f"{self.url}/api/v1/contracts/{contract}/send")
        expect(response.status_code == 200, f"API send: {response.status_code} {response.text[:300]}")
        invitation = self.message("invitation", contractId=contract)
        return contract, invitation


def csrf_of(html):
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    expect(match, "a form without a CSRF token")
    return match.group(1)


def error_code(html):
    match = re.search(r'id="error-message"[^>]*data-code="([^"]+)"', html) or re.search(r'data-code="([^"]+)"[^>]*id="error-message"', html)
    return match.group(1) if match else None


# MARK: the browser

def browser(name):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = ARGS.chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                     "--lang=ja", "--no-first-run", "--disable-gpu"):
        options.add_argument(argument)
    downloads = os.path.join(ARGS.artifacts, f"downloads-{name}")
    os.makedirs(downloads, exist_ok=True)
    options.add_experimental_option("prefs", {"download.default_directory": downloads, "download.prompt_for_download": False,
                                              "plugins.always_open_pdf_externally": name == "sender",
                                              "intl.accept_languages": "ja"})
    driver = webdriver.Chrome(service=Service(ARGS.chromedriver), options=options)
    driver.set_page_load_timeout(120)
    driver.downloads = downloads
    return driver


SHOTS = []


def shot(driver, step):
    """Screenshots of the whole page at desktop width and at a phone's 375 px."""
    for label, width, mobile in (("desktop", 1280, False), ("375px", 375, True)):
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": mobile})
        height = driver.execute_script("return Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)")
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": max(800, min(int(height or 800), 4000)), "deviceScaleFactor": 1, "mobile": mobile})
        scroll_width = driver.execute_script("return document.documentElement.scrollWidth")
        path = os.path.join(ARGS.artifacts, "screenshots", f"{len(SHOTS) // 2 + 1:02d}-{step}-{label}.png")
        driver.save_screenshot(path)
        SHOTS.append((path, width, scroll_width))
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def by_id(driver, element_id, timeout=60):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait
    try:
        return WebDriverWait(driver, timeout).until(expected_conditions.presence_of_element_located((By.ID, element_id)))
    except Exception:  # noqa: BLE001
        fail(f"no #{element_id} on {driver.current_url} within {timeout} s; the page says: {driver.find_element(By.TAG_NAME, 'body').text[:300]!r}")


def page_error(driver):
    from selenium.webdriver.common.by import By
    found = driver.find_elements(By.ID, "error-message")
    return (found[0].get_attribute("data-code"), found[0].text) if found else (None, "")


def click_and_wait(driver, element_id, timeout=180):
    """Clicks and waits until the browser shows another, fully loaded document (a marker set on
    the old one is gone). Errors while the page changes are retried."""
    driver.execute_script("window.__portalChecksOldPage = true")
    by_id(driver, element_id).click()
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if driver.execute_script("return !window.__portalChecksOldPage && document.readyState === 'complete'"):
                return
        except Exception:  # noqa: BLE001 — the document is being replaced
            pass
        time.sleep(0.1)
    fail(f"clicking #{element_id} on {driver.current_url} did not lead to another page within {timeout} s")


def set_value(driver, element, value):
    driver.execute_script("arguments[0].value = arguments[1]", element, value)


def wait_download(directory, suffix, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        done = [f for f in os.listdir(directory) if f.endswith(suffix)]
        if done and not [f for f in os.listdir(directory) if f.endswith(".crdownload")]:
            return os.path.join(directory, done[0])
        time.sleep(0.2)
    fail(f"no {suffix} download in {directory} within {timeout} s")


def end_to_end(portal):
    from selenium.webdriver.support.ui import Select
    started = time.time()
    sender = browser("sender")
    signer = browser("signer")
    try:
        # The sender logs in with the one-time link from the outbox and creates a contract.
        sender.get(portal.message("sender-login")["link"])
        by_id(sender, "create-form")
        shot(sender, "sender-contracts")
        by_id(sender, "title").send_keys("業務委託契約書(CI)")
        by_id(sender, "pdf").send_keys(ARGS.pdf)
        by_id(sender, "counterparty").send_keys("株式会社ブラウザ")
        by_id(sender, "amount").send_keys("880000")
        set_value(sender, by_id(sender, "transaction-date"), "2026-11-30")
        click_and_wait(sender, "create-button")
        by_id(sender, "participant-form")
        contract = sender.current_url.rstrip("/").rsplit("/", 1)[-1]
        shot(sender, "sender-created")
        by_id(sender, "participant-name").send_keys("山田 花子")
        by_id(sender, "participant-email").send_keys("hanako@example.com")
        by_id(sender, "participant-organisation").send_keys("株式会社ブラウザ")
        Select(by_id(sender, "participant-method")).select_by_value("witness")
        click_and_wait(sender, "add-participant-button")
        by_id(sender, "send-button")
        shot(sender, "sender-participant-added")
        click_and_wait(sender, "send-button")
        state = by_id(sender, "contract-state").get_attribute("data-state")
        expect(state == "sent", f"after sending, the contract's state is {state!r}, not 'sent'")
        shot(sender, "sender-sent")

        # The counterparty opens the link, types the OTP, sees the PDF, consents and signs.
        invitation = portal.message("invitation", contractId=contract)
        signer.get(invitation["link"])
        by_id(signer, "otp-form")
        shot(signer, "signer-otp")
        code = portal.message("otp", participantId=invitation["participantId"])["code"]
        by_id(signer, "otp-code").send_keys(code)
        click_and_wait(signer, "otp-submit")
        frame = by_id(signer, "document-frame")
        time.sleep(1.5)  # the browser's PDF viewer renders inside the frame
        signer.switch_to.frame(frame)
        shown = signer.execute_script("return document.contentType")
        signer.switch_to.default_content()
        expect(shown == "application/pdf", f"the document frame shows {shown!r}, not the PDF")
        shot(signer, "signer-document")
        by_id(signer, "consent").click()
        shot(signer, "signer-consent-ticked")
        click_and_wait(signer, "sign-button")
        by_id(signer, "done-message", timeout=180)
        shot(signer, "signer-done")

        # The sender sees "completed" and downloads the signed PDF and the certificate.
        deadline = time.time() + 180
        while True:
            sender.get(f"{portal.url}/contracts/{contract}")
            state = by_id(sender, "contract-state").get_attribute("data-state")
            if state == "completed" or time.time() > deadline:
                break
            time.sleep(1)
        expect(state == "completed", f"the sender sees {state!r}, not 'completed'")
        shot(sender, "sender-completed")
        by_id(sender, "download-signed").click()
        signed = wait_download(sender.downloads, ".pdf")
        by_id(sender, "download-certificate").click()
        deadline = time.time() + 60
        while len([f for f in os.listdir(sender.downloads) if f.endswith(".pdf")]) < 2 and time.time() < deadline:
            time.sleep(0.2)
        sender.get(f"{portal.url}/archive?counterparty=" + urllib.parse.quote("株式会社ブラウザ"))
        results = by_id(sender, "archive-results")
        expect("業務委託契約書(CI)" in results.text, "the archive search does not find the completed contract")
        shot(sender, "sender-archive-search")
        validation = subprocess.run([ARGS.validate_pdf, signed, "--expect", "B-LTA", "--trust", portal.root],
                                    capture_output=True, text=True)
        with open(os.path.join(ARGS.artifacts, "validate-pdf.txt"), "w") as handle:
            handle.write(validation.stdout + validation.stderr)
        expect(validation.returncode == 0, f"validate-pdf refuses the downloaded PDF:\n{validation.stdout}{validation.stderr}")
        TIMINGS["end-to-end"] = time.time() - started
        return sender, signer, contract, invitation
    except Exception:
        for driver, name in ((sender, "sender"), (signer, "signer")):
            try:
                driver.save_screenshot(os.path.join(ARGS.artifacts, "screenshots", f"FAILED-{name}.png"))
            except Exception:  # noqa: BLE001
                pass
        sender.quit()
        signer.quit()
        raise


# MARK: security checks in the browser and over HTTP

def security(portal, sender, signer, contract, invitation):
    from selenium.webdriver.common.by import By
    started = time.time()
    # A used link: the e2e invitation again, in a fresh session.
    signer.delete_all_cookies()
    signer.get(invitation["link"])
    code, text = page_error(signer)
    expect(code == "link-used", f"a used invitation link shows {code!r}, not 'link-used' ({text[:200]!r})")
    expect(len(text) > 10, "the used-link page does not explain")
    shot(signer, "refused-link-used")

    # Wrong OTPs lock the participant out after the limit; the right code is refused afterwards.
    _, locked = portal.create_sent_contract("ロックアウト確認", email="lock@example.com")
    signer.delete_all_cookies()
    signer.get(locked["link"])
    by_id(signer, "otp-form")
    right = portal.message("otp", participantId=locked["participantId"])["code"]
    wrong = "000000" if right != "000000" else "111111"
    attempts = 0
    for attempt in range(1, 8):
        by_id(signer, "otp-code").send_keys(wrong)
        click_and_wait(signer, "otp-submit")
        attempts = attempt
        code, _ = page_error(signer)
        if code == "locked":
            break
        expect(signer.find_elements(By.ID, "otp-error"), f"wrong code {attempt}: no #otp-error")
    expect(code == "locked", f"after {attempts} wrong codes the participant is not locked out ({code!r})")
    expect(attempts <= 6, f"the lock-out came only after {attempts} wrong codes")
    shot(signer, "refused-otp-locked")
    signer.get(f"{portal.url}/sign")
    code, _ = page_error(signer)
    if code != "locked":
        by_id(signer, "otp-code").send_keys(right)
        click_and_wait(signer, "otp-submit")
        code, _ = page_error(signer)
    expect(code == "locked", f"after the lock-out the right code is not refused ({code!r})")

    # Cross-site POST without the CSRF token: a page on another loopback origin auto-submits a
    # form to the portal with the sender's (same-site, so sent) session cookie.
    target = f"{portal.url}/contracts/{contract}/participants"
    attack = (f"<!doctype html><meta charset=utf-8><form id=f method=post action='{target}'>"
              "<input name=name value=Mallory><input name=email value=mallory@example.com><input name=method value=witness>"
              "</form><script>document.getElementById('f').submit()</script>").encode()

    class Attacker(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(attack)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Attacker)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        sender.get(f"http://127.0.0.1:{server.server_address[1]}/")
        deadline = time.time() + 30
        while not sender.current_url.startswith(portal.url) and time.time() < deadline:
            time.sleep(0.1)
        by_id(sender, "error-message")
        code, text = page_error(sender)
        expect(code == "csrf", f"a cross-site POST from another origin shows {code!r}, not 'csrf'")
        shot(sender, "refused-cross-site-post")
    finally:
        server.shutdown()
    status = portal.api.get(f"{portal.url}/api/v1/contracts/{contract}").json()
    expect("mallory@example.com" not in json.dumps(status), "the cross-site POST added a participant")

    # The same POST over plain HTTP with the session cookie: refused without the token, accepted with it.
    session = requests.Session()
    session.cookies.set("sp_session", sender.get_cookie("sp_session")["value"], domain="127.0.0.1")
    draft = session.get(f"{portal.url}/contracts").text
    response = session.post(f"{portal.url}/contracts", files={"pdf": ("c.pdf", ARGS.pdf_bytes, "application/pdf")},
                            data={"title": "CSRF 確認"}, allow_redirects=False)
    expect(response.status_code == 403 and error_code(response.text) == "csrf",
           f"a POST without the CSRF token: {response.status_code} {error_code(response.text)!r}, not 403 'csrf'")
    response = session.post(f"{portal.url}/contracts", files={"pdf": ("c.pdf", ARGS.pdf_bytes, "application/pdf")},
                            data={"title": "CSRF 確認", "csrf": csrf_of(draft)}, allow_redirects=False)
    expect(response.status_code in (302, 303), f"the same POST with the token is not accepted: {response.status_code}")

    # An expired link: a second portal whose invitations live 2 seconds.
    short = Portal("portal-short-links", ["--invitation-lifetime", "2"])
    try:
        _, expiring = short.create_sent_contract("期限切れ確認")
        time.sleep(2.5)
        signer.delete_all_cookies()
        signer.get(expiring["link"])
        code, text = page_error(signer)
        expect(code == "link-expired", f"an expired invitation link shows {code!r}, not 'link-expired'")
        expect(len(text) > 10, "the expired-link page does not explain")
        shot(signer, "refused-link-expired")
    finally:
        short.stop()
    TIMINGS["security"] = time.time() - started
    return session


# MARK: schemathesis

def schemathesis(portal, contract):
    """Bounded: ARGS.schemathesis_examples cases per operation and phase, a fixed seed. Path ids are
    the completed end-to-end contract's (so downloads answer 200), besides what the stateful phase links."""
    started = time.time()
    report = os.path.join(ARGS.artifacts, "schemathesis")
    config = os.path.join(ARGS.work, "schemathesis.toml")
    with open(config, "w") as handle:
        handle.write(f'[parameters]\n"path.id" = "{contract}"\n')
    command = [os.path.join(ARGS.venv, "bin", "schemathesis"), "--config-file", config, "run", f"{portal.url}/api/v1/openapi.json",
               "-H", f"Authorization: Bearer {portal.token}",
               "--checks", "not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance",
               "--phases", "examples,coverage,fuzzing,stateful", "--max-examples", str(ARGS.schemathesis_examples),
               "--seed", "17", "--generation-database", "none", "--request-timeout", "60", "--workers", "2",
               "--suppress-health-check", "too_slow,filter_too_much", "--no-color",
               "--report", "junit", "--report-dir", report]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ARGS.work, env={**os.environ, "SCHEMATHESIS_HOOKS": "portal_schemathesis_hooks", "PYTHONPATH": ARGS.ci, "PYTHONDONTWRITEBYTECODE": "1",
                                                                 "PORTAL_SAMPLE_PDF": ARGS.pdf})
    with open(os.path.join(ARGS.artifacts, "schemathesis.txt"), "w") as handle:
        handle.write(result.stdout + result.stderr)
    expect(result.returncode == 0, f"schemathesis found problems (exit {result.returncode}):\n" + result.stdout[-4000:] + result.stderr[-1000:])
    cases = re.search(r"(\d+) generated, (\d+) passed", result.stdout)
    TIMINGS["schemathesis"] = time.time() - started
    return f"{cases.group(1)} cases generated, {cases.group(2)} passed" if cases else ""


# MARK: load

def wrk(url, cookie, label):
    result = subprocess.run(["wrk", "-t2", "-c16", f"-d{ARGS.wrk_seconds}s", "--latency", "-H", f"Cookie: sp_session={cookie}", url],
                            capture_output=True, text=True)
    with open(os.path.join(ARGS.artifacts, f"wrk-{label}.txt"), "w") as handle:
        handle.write(result.stdout + result.stderr)
    expect(result.returncode == 0, f"wrk {label}: exit {result.returncode} {result.stderr[:300]}")
    out = result.stdout
    expect("Non-2xx" not in out, f"wrk {label}: non-2xx answers:\n{out}")
    expect("Socket errors" not in out or re.search(r"Socket errors: connect 0, read 0, write 0, timeout 0", out),
           f"wrk {label}: socket errors:\n{out}")
    # The distribution's own lines ("     50%   16.40ms"), not a "72.50%" of the thread stats.
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)
    rate = re.search(r"Requests/sec:\s+(\S+)", out).group(1)
    requests_done = re.search(r"(\d+) requests in", out).group(1)
    return f"{label}: {rate} req/s, p50 {p50}, p99 {p99} ({requests_done} requests, 16 connections)"


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = []
        self.server_errors = []

    def call(self, session, method, url, **kwargs):
        started = time.perf_counter()
        response = session.request(method, url, timeout=600, **kwargs)
        elapsed = time.perf_counter() - started
        with self.lock:
            self.latencies.append(elapsed)
            for r in [*response.history, response]:
                if r.status_code >= 500:
                    self.server_errors.append(f"{method} {r.url} → {r.status_code}")
        return response


def one_flow(portal, recorder, index):
    """One whole signing flow over HTTP: API create/participant/send, the counterparty's pages, the signed PDF."""
    started = time.perf_counter()
    api = requests.Session()
    api.headers["Authorization"] = f"Bearer {portal.token}"
    query = urllib.parse.urlencode({"title": f"負荷試験 {index:02d}", "counterparty": f"負荷株式会社 {index:02d}", "amount": str(10000 + index),
                                    "transactionDate": "2026-11-30"})
    response = recorder.call(api, "POST", f"{portal.url}/api/v1/contracts?{query}", data=ARGS.pdf_bytes, headers={"Content-Type": "application/pdf"})
    expect(response.status_code == 201, f"flow {index}: create {response.status_code}")
    contract = response.json()["id"]
    response = recorder.call(api, "POST", f"{portal.url}/api/v1/contracts/{contract}/participants",
                             json={"name": f"署名者 {index:02d}", "email": f"signer{index:02d}@example.com", "method": "witness"})
    expect(response.status_code == 201, f"flow {index}: participant {response.status_code}")
    response = recorder.call(api, "POST", f"{portal.url}/api/v1/contracts/{contract}/send")
    expect(response.status_code == 200, f"flow {index}: send {response.status_code}")
    invitation = portal.message("invitation", contractId=contract, timeout=120)
    browser_session = requests.Session()
    page = recorder.call(browser_session, "GET", invitation["link"])
    expect(page.status_code == 200 and 'id="otp-form"' in page.text, f"flow {index}: the link gives {page.status_code} without the OTP form")
    code = portal.message("otp", participantId=invitation["participantId"], timeout=120)["code"]
    page = recorder.call(browser_session, "POST", f"{portal.url}/sign/otp", data={"code": code, "csrf": csrf_of(page.text)})
    expect(page.status_code == 200 and 'id="sign-form"' in page.text, f"flow {index}: after the OTP {page.status_code} without the sign form")
    digest = re.search(r'name="documentSHA256" value="([^"]+)"', page.text).group(1)
    page = recorder.call(browser_session, "POST", f"{portal.url}/sign",
                         data={"consent": "yes", "csrf": csrf_of(page.text), "documentSHA256": digest})
    expect(page.status_code == 200 and 'id="done-message"' in page.text, f"flow {index}: signing gave {page.status_code} without #done-message")
    deadline = time.time() + 300
    while True:
        status = recorder.call(api, "GET", f"{portal.url}/api/v1/contracts/{contract}").json()
        if status.get("state") == "completed" or time.time() > deadline:
            break
        time.sleep(0.5)
    expect(status.get("state") == "completed", f"flow {index}: the contract is {status.get('state')!r}, not completed")
    pdf = recorder.call(api, "GET", f"{portal.url}/api/v1/contracts/{contract}/signed.pdf")
    expect(pdf.status_code == 200 and pdf.content.startswith(b"%PDF"), f"flow {index}: signed.pdf {pdf.status_code}")
    path = os.path.join(ARGS.work, "load-pdfs", f"flow-{index:02d}.pdf")
    with open(path, "wb") as handle:
        handle.write(pdf.content)
    return path, time.perf_counter() - started


def load(portal, session):
    started = time.time()
    cookie = session.cookies.get("sp_session")
    contracts = portal.api.get(f"{portal.url}/api/v1/archive?limit=1").json()
    lines = [wrk(f"{portal.url}/contracts/{ARGS.status_contract}", cookie, "status page"),
             wrk(f"{portal.url}/archive?counterparty=" + urllib.parse.quote("株式会社ブラウザ") + "&minAmount=1000", cookie, "search page")]
    expect(contracts is not None, "the archive API does not answer")
    os.makedirs(os.path.join(ARGS.work, "load-pdfs"), exist_ok=True)
    recorder = Recorder()
    flows_started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=ARGS.flows) as pool:
        futures = [pool.submit(one_flow, portal, recorder, index) for index in range(1, ARGS.flows + 1)]
        results = [future.result() for future in futures]
    wall = time.perf_counter() - flows_started
    expect(not recorder.server_errors, f"5xx answers during the concurrent flows: {recorder.server_errors[:5]}")
    check = subprocess.run([os.path.join(ARGS.interop_venv, "bin", "python"), os.path.join(ARGS.ci, "portal-validate.py"), portal.root,
                            *[path for path, _ in results]], capture_output=True, text=True)
    verdicts = [json.loads(line) for line in check.stdout.splitlines() if line.startswith("{")]
    bad = [v for v in verdicts if not v["ok"]]
    expect(check.returncode == 0 and len(verdicts) == len(results) and not bad,
           f"pyHanko refuses {len(bad)} of {len(results)} signed PDFs: {bad[:3]} {check.stderr[-500:]}")
    latencies = sorted(recorder.latencies)
    flows = sorted(duration for _, duration in results)
    p = lambda values, q: values[min(len(values) - 1, int(q * len(values)))]  # noqa: E731
    lines.append(f"{ARGS.flows} concurrent signing flows: all completed, {len(verdicts)} PDFs intact/valid/trusted (pyHanko), no 5xx; "
                 f"{len(latencies)} requests, {len(latencies) / wall:.1f} req/s, request p50 {p(latencies, .5) * 1000:.0f} ms, "
                 f"p99 {p(latencies, .99) * 1000:.0f} ms; flow p50 {p(flows, .5):.1f} s, p99 {p(flows, .99):.1f} s, "
                 f"{ARGS.flows / wall * 60:.1f} flows/min ({wall:.0f} s wall)")
    TIMINGS["load"] = time.time() - started
    return lines


# MARK: main

def layout_notes():
    """Pages wider than the 375 px viewport scroll sideways: a layout problem worth a look."""
    return [f"{os.path.basename(path)}: {scroll} px wide at {width} px" for path, width, scroll in SHOTS
            if width == 375 and scroll and scroll > width + 1]


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    for name in ("bin", "artifacts", "work", "shared", "venv", "interop-venv", "ci"):
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    parser.add_argument("--flows", type=int, default=50)
    parser.add_argument("--wrk-seconds", type=int, default=10)
    parser.add_argument("--schemathesis-examples", type=int, default=25)
    parser.add_argument("--only", default="e2e,security,schemathesis,load")
    ARGS = parser.parse_args()
    ARGS.validate_pdf = os.path.join(ARGS.shared, "interop", "validate-pdf")
    os.makedirs(os.path.join(ARGS.artifacts, "screenshots"), exist_ok=True)
    ARGS.pdf = os.path.join(ARGS.work, "contract.pdf")
    subprocess.run([sys.executable, os.path.join(ARGS.ci, "portal-sample-pdf.py"), ARGS.pdf], check=True)
    ARGS.pdf_bytes = open(ARGS.pdf, "rb").read()
    only = ARGS.only.split(",")
    portal = Portal("portal")
    sender = signer = None
    try:
        sender, signer, contract, invitation = end_to_end(portal)
        ARGS.status_contract = contract
        print(f"portal: end-to-end in Chromium passed ({TIMINGS['end-to-end']:.0f} s); the downloaded PDF passes validate-pdf --expect B-LTA; "
              f"{len(SHOTS)} screenshots in {ARGS.artifacts}/screenshots")
        for note in layout_notes():
            print(f"portal: NOTE layout: {note}")
        session = security(portal, sender, signer, contract, invitation) if "security" in only else None
        if session:
            print(f"portal: security checks passed ({TIMINGS['security']:.0f} s): used link, expired link, OTP lock-out, "
                  "cross-site POST and POST without the CSRF token refused")
        if "schemathesis" in only:
            summary = schemathesis(portal, contract)
            print(f"portal: schemathesis passed ({TIMINGS['schemathesis']:.0f} s): no 5xx, no schema violation. {summary}")
        if "load" in only and session:
            for line in load(portal, session):
                print(f"portal: load: {line}")
    except CheckFailed as failure:
        print(f"FAIL (portal): {failure}\n(artifacts and the portal's log: {ARGS.artifacts})", file=sys.stderr)
        return 1
    finally:
        for driver in (sender, signer):
            if driver:
                driver.quit()
        portal.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
