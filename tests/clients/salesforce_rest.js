// jsforce (the canonical JavaScript Salesforce client) against the Salesforce emulator, exactly as a frontend or QA
// tool would use it: OAuth client credentials, identity, describe, COUNT(), `*` field lists, query paging, sObject
// Collections (create, retrieve, update, delete), deleted records, limits and an unknown route.
// Prints one JSON object of observations; tests/clients/test_salesforce_clients.py asserts on it.
'use strict';
const jsforce = require('jsforce');
const { env, report, fail } = require('./harness');

async function errorOf(promise) {
  try {
    await promise;
    return null;
  } catch (err) {
    return { errorCode: err.errorCode || err.name, message: err.message };
  }
}

async function main() {
  const conn = new jsforce.Connection({
    oauth2: { loginUrl: env('SALESFORCE_URL'), clientId: env('SALESFORCE_CLIENT_ID'), clientSecret: env('SALESFORCE_CLIENT_SECRET') },
    version: '62.0',
    callOptions: { client: 'qa-tool' },
  });
  const out = {};
  const user = await conn.authorize({
    grant_type: 'client_credentials',
    client_id: env('SALESFORCE_CLIENT_ID'),
    client_secret: env('SALESFORCE_CLIENT_SECRET'),
  });
  out.user = { id: user.id, organizationId: user.organizationId, instanceUrl: conn.instanceUrl };
  const identity = await conn.identity();
  out.identity = { username: identity.username, user_id: identity.user_id, organization_id: identity.organization_id };
  out.versions = (await conn.request('/services/data')).map((v) => v.version);

  const global = await conn.describeGlobal();
  out.globalDescribe = global.sobjects.map((o) => o.name);
  const order = await conn.sobject('Order').describe();
  out.orderDescribe = {
    label: order.label,
    keyPrefix: order.keyPrefix,
    externalIds: order.fields.filter((f) => f.externalId).map((f) => f.name),
    statusPicklist: order.fields.find((f) => f.name === 'Status').picklistValues.map((p) => p.value),
    children: order.childRelationships.map((r) => r.relationshipName),
  };

  out.activeProducts = await conn.sobject('Product2').count({ IsActive: true });
  out.allProducts = await conn.sobject('Product2').count();
  const kenji = await conn.sobject('Account').find({ SF_Account_No__c: 'SH-100002' }, '*');
  out.starFields = kenji.length ? Object.keys(kenji[0]).filter((k) => k !== 'attributes').length : 0;
  out.kenjiName = kenji.length ? kenji[0].Name : null;
  const paged = await conn.query('SELECT Id, Name FROM Product2 ORDER BY Name').run({ autoFetch: true, maxFetch: 1000 });
  out.paged = { totalSize: paged.totalSize, fetched: paged.records.length, done: paged.done };

  const hanako = (await conn.sobject('Account').findOne({ SF_Account_No__c: 'SH-100001' }, ['Id'])).Id;
  const book = (await conn.sobject('Pricebook2').findOne({ Name: 'Portal' }, ['Id'])).Id;
  const draft = { AccountId: hanako, Status: 'Pending Review', EffectiveDate: '2026-11-01', Pricebook2Id: book };
  const created = await conn.sobject('Order').create([{ ...draft, Name: 'jsforce one' }, { ...draft, Name: 'jsforce two' }]);
  out.created = created.map((r) => r.success);
  const ids = created.map((r) => r.id);
  const missing = ids[0].slice(0, 9) + 'ZZZZZZ';
  const retrieved = await conn.sobject('Order').retrieve([ids[0], missing, ids[1]]);
  out.retrieved = retrieved.map((r) => (r ? r.Name : null));
  const picked = await conn.sobject('Order').retrieve(ids, { fields: ['Name', 'Status'] });
  out.picked = picked.map((r) => Object.keys(r).filter((k) => k !== 'attributes').sort());
  const updated = await conn.sobject('Order').update(ids.map((Id) => ({ Id, Description: 'changed by jsforce' })));
  out.updated = updated.map((r) => r.success);
  const destroyed = await conn.sobject('Order').destroy(ids);
  out.destroyed = destroyed.map((r) => r.success);
  out.readDeleted = await errorOf(conn.sobject('Order').retrieve(ids[0]));
  out.orderIds = ids;

  const limits = await conn.limits();
  out.limits = { max: limits.DailyApiRequests.Max, remaining: limits.DailyApiRequests.Remaining };
  out.unknownRoute = await errorOf(conn.request('/spaceships'));
  out.badQuery = await errorOf(conn.query('SELECT Id FROM Spaceship__c'));
  report(out);
}

main().catch(fail);
