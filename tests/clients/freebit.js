// Freebit's PA API has no public client library (Freebit hands its spec sheets to partner MVNOs privately), so this
// drives the emulator with Node's own HTTP client (fetch) exactly as the spec sheets describe the wire: POST to
// `<base>/<group>/<operation>/` (trailing slash), application/x-www-form-urlencoded, the whole request as JSON in
// the single form field `json`, every scalar a string, authKey from `authOem/` inside that JSON, resultCode "100".
'use strict';
const { env, report, fail } = require('./harness');

async function pa(operation, body) {
  const response = await fetch(`${env('FREEBIT_API_URL')}${operation}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ json: JSON.stringify(body) }).toString(),
  });
  const text = await response.text();
  return { http: response.status, body: JSON.parse(text) };
}

function outcome(answer) {
  const { resultCode, status } = answer.body;
  return { http: answer.http, resultCode: String(resultCode), statusCode: String(status.statusCode) };
}

async function main() {
  const out = {};
  const refused = await pa('authOem', { oemId: env('FREEBIT_OEM_ID'), oemKey: 'not-the-key' });
  out.refusedAuth = outcome(refused);
  const auth = await pa('authOem', { oemId: env('FREEBIT_OEM_ID'), oemKey: env('FREEBIT_OEM_KEY') });
  out.auth = outcome(auth);
  const authKey = auth.body.authKey;
  out.authKeyIssued = typeof authKey === 'string' && authKey.length > 0;

  const detail = await pa('mvno/getDetail', { authKey, version: '2', requestDatas: [{ kind: 'MVNO', account: '08012345678' }] });
  out.detail = { ...outcome(detail), account: detail.body.responseDatas[0].account, plan: detail.body.responseDatas[0].planCode };
  const quota = await pa('mvno/addSpec', { authKey, kind: 'MVNO', account: '08012345678', quota: '1000', quotaCode: 'qa-topup-1' });
  out.topUp = outcome(quota);
  const after = await pa('mvno/getDetail', { authKey, requestDatas: [{ kind: 'MVNO', account: '08012345678' }] });
  out.quotaAfterMb = Number(after.body.responseDatas[0].quota);
  out.quotaBeforeMb = Number(detail.body.responseDatas[0].quota);

  const activation = await pa('master/addAcnt', {
    authKey, createType: 'new',
    requestDatas: [{ kind: 'MVNO', account: env('FREEBIT_FREE_MSISDN'), productNumber: env('FREEBIT_FREE_SIM'), planCode: 'PNEW_3G' }],
  });
  out.activation = outcome(activation);
  const again = await pa('master/addAcnt', {
    authKey, createType: 'new',
    requestDatas: [{ kind: 'MVNO', account: env('FREEBIT_FREE_MSISDN'), productNumber: env('FREEBIT_FREE_SIM'), planCode: 'PNEW_3G' }],
  });
  out.activationTwice = outcome(again);
  const unknownAccount = await pa('mvno/getDetail', { authKey, requestDatas: [{ kind: 'MVNO', account: '09999999999' }] });
  out.unknownAccount = outcome(unknownAccount);
  const badKey = await pa('mvno/getTrafficInfo', { authKey: 'stale-key', account: '08012345678' });
  out.badKey = outcome(badKey);
  const noSlash = await fetch(`${env('FREEBIT_API_URL')}authOem`, { method: 'POST', body: new URLSearchParams({ json: '{}' }) });
  out.withoutTrailingSlash = noSlash.status;
  report(out);
}

main().catch(fail);
