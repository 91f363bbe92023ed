// node-whmcs (npm `whmcs`, apocas/node-whmcs: the best-known open-source WHMCS API client) against the WHMCS
// emulator: reads (client details, invoices, services, products, login check) and writes (AddClient, AddOrder,
// AcceptOrder, UpdateClient), plus WHMCS's error answers as the library surfaces them.
'use strict';
const util = require('util');
const WHMCS = require('whmcs');
const { env, report, fail } = require('./harness');

function call(module, method) {
  return util.promisify(module[method]).bind(module);
}

async function errorOf(promise) {
  try {
    await promise;
    return null;
  } catch (err) {
    return err.message;
  }
}

function list(wrapper, key) {
  // WHMCS wraps non-empty lists as {"<key>": [...]} and sends "" or [] when there is nothing.
  return wrapper && wrapper[key] ? wrapper[key] : [];
}

async function main() {
  const whmcs = new WHMCS({ serverUrl: env('WHMCS_API_URL'), username: env('WHMCS_IDENTIFIER'), password: env('WHMCS_SECRET') });
  const customers = whmcs.customers;
  const billing = whmcs.billing;
  const out = {};

  const hanako = await call(customers, 'getCustomer')(1);
  out.hanako = { email: hanako.email || hanako.client.email, fullname: hanako.fullname || hanako.client.fullname };
  const invoices = await call(billing, 'getInvoices')({ userid: 1, limitnum: 50 });
  out.invoiceStatuses = list(invoices.invoices, 'invoice').map((i) => i.status).sort();
  const services = await call(customers, 'getCustomerProducts')(1);
  out.servicePids = list(services.products, 'product').map((s) => Number(s.pid)).sort();
  const login = await call(customers, 'validateLogin')('kenji.sato@example.jp', 'Sakura-Kenji-2026');
  out.kenjiLogin = login.result;
  out.wrongPassword = await errorOf(call(customers, 'validateLogin')('kenji.sato@example.jp', 'not-the-password'));
  out.missingClient = await errorOf(call(customers, 'getCustomer')(99999));

  const added = await call(customers, 'createCustomer')({
    firstname: 'Saki', lastname: 'Mori', email: 'saki.mori@example.jp', address1: '1-2-3 Shiba', city: 'Minato-ku',
    state: 'Tokyo', postcode: '105-0014', country: 'JP', phonenumber: '03-1234-5678', password2: 'Sakura-Saki-2026',
  });
  out.newClientId = Number(added.clientid);
  const order = await call(billing, 'addOrder')(added.clientid, {
    'pid[0]': 301, 'billingcycle[0]': 'monthly', 'pid[1]': 310, 'billingcycle[1]': 'onetime',
    paymentmethod: 'banktransfer', noemail: 1,
  });
  out.order = { orderid: Number(order.orderid), serviceids: String(order.serviceids || order.productids || '') };
  await call(billing, 'acceptOrder')(order.orderid, { sendemail: 0 });
  const accepted = await call(customers, 'getCustomerProducts')(added.clientid);
  out.acceptedStatuses = list(accepted.products, 'product').map((s) => s.status);
  await call(customers, 'updateCustomer')(added.clientid, { city: 'Shibuya-ku', postcode: '150-0002' });
  const changed = await call(customers, 'getCustomer')(added.clientid);
  out.changedCity = changed.city || changed.client.city;
  const newInvoices = await call(billing, 'getInvoices')({ userid: added.clientid });
  out.newInvoiceTotals = list(newInvoices.invoices, 'invoice').map((i) => i.total);
  report(out);
}

main().catch(fail);
