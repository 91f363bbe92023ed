// jsforce's Streaming API client (Faye CometD with jsforce's Replay extension) against the Salesforce emulator:
// subscribe to a CDC channel, see a change made over REST, miss one while away, get exactly the missed one back by
// replaying from the last replayId, replay the whole retention window with -2, and receive a platform event.
'use strict';
const jsforce = require('jsforce');
const { StreamingExtension } = require('jsforce/lib/api/streaming');
const { env, report, fail, deadline } = require('./harness');

const ORDERS = '/data/OrderChangeEvent';
const ELIGIBILITY = '/event/Account_Eligibility_Update__e';
const WAIT_MS = 15000;

function summary(message) {
  const header = message.payload.ChangeEventHeader;
  return {
    replayId: message.event.replayId,
    changeType: header.changeType,
    changeOrigin: header.changeOrigin,
    recordIds: header.recordIds,
    name: message.payload.Name || null,
  };
}

// A Faye client subscribed from `replayId`, collecting what arrives on `channel` until `count` messages came.
async function listen(conn, channel, replayId, count) {
  const received = [];
  let done;
  const complete = new Promise((resolve) => (done = resolve));
  const client = conn.streaming.createClient([new StreamingExtension.Replay(channel, replayId)]);
  const subscription = client.subscribe(channel, (message) => {
    received.push(message);
    if (received.length >= count) done();
  });
  await Promise.race([subscription, deadline(WAIT_MS, `subscribing to ${channel}`)]);
  return {
    received,
    until: async (what) => {
      await Promise.race([complete, deadline(WAIT_MS, what)]);
      return received;
    },
    close: () => client.disconnect(),
  };
}

async function main() {
  const conn = new jsforce.Connection({
    oauth2: { loginUrl: env('SALESFORCE_URL'), clientId: env('SALESFORCE_CLIENT_ID'), clientSecret: env('SALESFORCE_CLIENT_SECRET') },
    version: '62.0',
  });
  await conn.authorize({ grant_type: 'client_credentials', client_id: env('SALESFORCE_CLIENT_ID'), client_secret: env('SALESFORCE_CLIENT_SECRET') });
  const hanako = (await conn.sobject('Account').findOne({ SF_Account_No__c: 'SH-100001' }, ['Id'])).Id;
  const book = (await conn.sobject('Pricebook2').findOne({ Name: 'Portal' }, ['Id'])).Id;
  const order = (name) => ({ AccountId: hanako, Status: 'Pending Review', EffectiveDate: '2026-11-01', Pricebook2Id: book, Name: name });
  const out = {};

  // Live: subscribe from "new events only" (-1), then change something over REST.
  const live = await listen(conn, ORDERS, -1, 1);
  const first = await conn.sobject('Order').create(order('streamed live'));
  const [seen] = await live.until('the live CDC event');
  out.live = { ...summary(seen), orderId: first.id };
  live.close();

  // Away: a change happens while nobody listens; replaying from the last id seen delivers exactly that change.
  const missed = await conn.sobject('Order').create(order('missed while away'));
  const resumed = await listen(conn, ORDERS, seen.event.replayId, 1);
  out.resumed = (await resumed.until('the missed CDC event')).map(summary);
  out.missedOrderId = missed.id;
  resumed.close();

  // -2 replays everything retained on the channel.
  const everything = await listen(conn, ORDERS, -2, 2);
  out.retained = (await everything.until('the retained CDC events')).map(summary);
  everything.close();

  // A platform event published over REST reaches a subscriber of its channel.
  const events = await listen(conn, ELIGIBILITY, -1, 1);
  const published = await conn.sobject('Account_Eligibility_Update__e').create({ Account_Id__c: hanako });
  const [event] = await events.until('the platform event');
  out.platformEvent = { accountId: event.payload.Account_Id__c, replayId: event.event.replayId, published: published.success };
  events.close();
  report(out);
}

main().catch(fail);
