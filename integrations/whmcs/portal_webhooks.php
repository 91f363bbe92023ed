<?php
/**
 * Customer portal webhooks for WHMCS 8.x.
 *
 * Tells the customer portal (BFF) when billing data changes, so it can drop the caches that went stale:
 * invoices created, paid or cancelled, client profiles edited, services created or changed, pay methods
 * changed. Each notification is a small JSON document carrying ids only, signed with the Standard Webhooks
 * scheme (HMAC-SHA256), and POSTed to the portal's `/api/webhooks/whmcs`.
 *
 * Install: copy this file to `<whmcs>/includes/hooks/portal_webhooks.php` and set, in the PHP-FPM pool
 * (`env[NAME] = value`) or in `configuration.php` (`$portal_webhook_url = '...';`):
 *   PORTAL_WEBHOOK_URL     https://portal.example.jp/api/webhooks/whmcs
 *   PORTAL_WEBHOOK_SECRET  whsec_<base64 key>  (the same secret the portal is configured with)
 * Without both, the module does nothing. See README.md beside this file for the payloads.
 *
 * Hooks run inside WHMCS requests (admin area, client area, API, cron). To never slow or break them, events
 * are only collected while the request runs and sent once it is over (after the response where PHP-FPM
 * allows it), each with a short timeout and a bounded number of attempts; every failure is swallowed and
 * written to the WHMCS activity log.
 */

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

use WHMCS\Database\Capsule;

const PORTAL_WEBHOOK_ATTEMPTS = 3;
const PORTAL_WEBHOOK_TIMEOUT_SECONDS = 2;
const PORTAL_WEBHOOK_PAYMETHOD_TABLE = 'mod_portal_webhook_paymethods';

/** @return array{url: string, secret: string}|null */
function portal_webhook_settings()
{
    $url = getenv('PORTAL_WEBHOOK_URL') ?: ($GLOBALS['portal_webhook_url'] ?? '');
    $secret = getenv('PORTAL_WEBHOOK_SECRET') ?: ($GLOBALS['portal_webhook_secret'] ?? '');
    if ($url === '' || $secret === '') {
        return null;
    }
    return ['url' => $url, 'secret' => $secret];
}

/**
 * Queue one event; the first queued event registers the sender that runs when the request is over.
 * `$resolve`, when given, is called at send time to fill in values that are only final then.
 */
function portal_webhook_queue($type, array $data, $resolve = null)
{
    if (portal_webhook_settings() === null) {
        return;
    }
    if (!isset($GLOBALS['portal_webhook_queue'])) {
        $GLOBALS['portal_webhook_queue'] = [];
        register_shutdown_function('portal_webhook_flush');
    }
    $GLOBALS['portal_webhook_queue'][] = ['type' => $type, 'data' => $data, 'resolve' => $resolve];
}

function portal_webhook_flush()
{
    $settings = portal_webhook_settings();
    $queue = $GLOBALS['portal_webhook_queue'] ?? [];
    $GLOBALS['portal_webhook_queue'] = [];
    if ($settings === null || !$queue) {
        return;
    }
    if (function_exists('fastcgi_finish_request')) {
        fastcgi_finish_request(); // the browser or API caller has its answer; we continue on our own time
    }
    foreach ($queue as $event) {
        try {
            $data = $event['data'];
            if ($event['resolve'] !== null) {
                $data = call_user_func($event['resolve'], $data);
            }
            portal_webhook_send($settings, $event['type'], $data);
        } catch (\Throwable $e) {
            logActivity('Portal webhook ' . $event['type'] . ' not sent: ' . $e->getMessage());
        }
    }
}

/** Standard Webhooks: signature over "<id>.<timestamp>.<body>" with the base64-decoded secret. */
function portal_webhook_signature($secret, $id, $timestamp, $body)
{
    $key = base64_decode(strpos($secret, 'whsec_') === 0 ? substr($secret, 6) : $secret);
    return 'v1,' . base64_encode(hash_hmac('sha256', $id . '.' . $timestamp . '.' . $body, $key, true));
}

function portal_webhook_send(array $settings, $type, array $data)
{
    $body = json_encode(
        ['type' => $type, 'timestamp' => date('c'), 'data' => $data],
        JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE
    );
    $id = 'msg_' . bin2hex(random_bytes(16)); // the same id on every attempt, so the portal can deduplicate
    for ($attempt = 1; $attempt <= PORTAL_WEBHOOK_ATTEMPTS; $attempt++) {
        $timestamp = (string) time();
        $curl = curl_init($settings['url']);
        curl_setopt_array($curl, [
            CURLOPT_POST => true,
            CURLOPT_POSTFIELDS => $body,
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_CONNECTTIMEOUT => PORTAL_WEBHOOK_TIMEOUT_SECONDS,
            CURLOPT_TIMEOUT => PORTAL_WEBHOOK_TIMEOUT_SECONDS,
            CURLOPT_HTTPHEADER => [
                'Content-Type: application/json',
                'webhook-id: ' . $id,
                'webhook-timestamp: ' . $timestamp,
                'webhook-signature: ' . portal_webhook_signature($settings['secret'], $id, $timestamp, $body),
            ],
        ]);
        curl_exec($curl);
        $status = (int) curl_getinfo($curl, CURLINFO_HTTP_CODE);
        $error = curl_error($curl);
        curl_close($curl);
        if ($status >= 200 && $status < 300) {
            return;
        }
        if ($attempt < PORTAL_WEBHOOK_ATTEMPTS) {
            usleep(200000 * $attempt);
        }
    }
    logActivity("Portal webhook {$type} failed after " . PORTAL_WEBHOOK_ATTEMPTS . " attempts: HTTP {$status} {$error}");
}

function portal_webhook_invoice_client($invoiceId)
{
    return (int) Capsule::table('tblinvoices')->where('id', $invoiceId)->value('userid');
}

// --- invoices -------------------------------------------------------------------------------------------

add_hook('InvoiceCreated', 1, function (array $vars) {
    $invoiceId = (int) $vars['invoiceid'];
    portal_webhook_queue('invoice.created', [
        'invoice_id' => $invoiceId,
        'client_id' => portal_webhook_invoice_client($invoiceId),
        'status' => (string) $vars['status'],
    ]);
});

add_hook('InvoicePaid', 1, function (array $vars) {
    $invoiceId = (int) $vars['invoiceid'];
    portal_webhook_queue('invoice.paid', [
        'invoice_id' => $invoiceId,
        'client_id' => portal_webhook_invoice_client($invoiceId),
    ]);
});

add_hook('InvoiceCancelled', 1, function (array $vars) {
    $invoiceId = (int) $vars['invoiceid'];
    portal_webhook_queue('invoice.cancelled', [
        'invoice_id' => $invoiceId,
        'client_id' => portal_webhook_invoice_client($invoiceId),
    ]);
});

// --- clients --------------------------------------------------------------------------------------------

add_hook('ClientEdit', 1, function (array $vars) {
    $fields = ['firstname', 'lastname', 'companyname', 'email', 'address1', 'address2', 'city', 'state',
        'postcode', 'country', 'phonenumber', 'status', 'notes', 'language'];
    $old = isset($vars['olddata']) && is_array($vars['olddata']) ? $vars['olddata'] : [];
    $changed = [];
    foreach ($fields as $field) {
        if (array_key_exists($field, $vars) && (string) ($old[$field] ?? '') !== (string) $vars[$field]) {
            $changed[] = $field;
        }
    }
    portal_webhook_queue('client.updated', ['client_id' => (int) $vars['userid'], 'changed_fields' => $changed]);
});

// --- services -------------------------------------------------------------------------------------------

// AcceptOrder runs before the acceptance actions; the ids are known now and the event leaves only after
// the request, when the services are active.
add_hook('AcceptOrder', 1, function (array $vars) {
    $orderId = (int) $vars['orderid'];
    $services = Capsule::table('tblhosting')->where('orderid', $orderId)->orderBy('id')->get(['id', 'userid']);
    foreach ($services as $service) {
        portal_webhook_queue('service.created', [
            'service_id' => (int) $service->id,
            'client_id' => (int) $service->userid,
            'order_id' => $orderId,
        ]);
    }
});

function portal_webhook_service_updated($serviceId)
{
    portal_webhook_queue('service.updated', ['service_id' => (int) $serviceId], function (array $data) {
        $row = Capsule::table('tblhosting')->where('id', $data['service_id'])->first(['userid', 'domainstatus']);
        $data['client_id'] = $row ? (int) $row->userid : 0;
        $data['status'] = $row ? (string) $row->domainstatus : '';
        return $data;
    });
}

foreach (['AfterModuleSuspend', 'AfterModuleUnsuspend', 'AfterModuleTerminate', 'AfterModuleChangePackage'] as $hook) {
    add_hook($hook, 1, function (array $vars) {
        portal_webhook_service_updated($vars['params']['serviceid']); // ids only: params also holds passwords
    });
}

foreach (['ServiceEdit', 'AdminServiceEdit'] as $hook) {
    add_hook($hook, 1, function (array $vars) {
        portal_webhook_service_updated($vars['serviceid']);
    });
}

// --- pay methods ----------------------------------------------------------------------------------------

// Card saves (admin area, client area, gateway callbacks) fire CCUpdate, which carries no pay-method id.
add_hook('CCUpdate', 1, function (array $vars) {
    portal_webhook_queue('paymethod.updated', [
        'client_id' => (int) $vars['userid'],
        'paymethod_id' => null,
        'change' => 'updated',
    ]);
});

// Deletions and bank accounts fire no hook at all: after each cron run, compare every client's pay-method
// ids with what we saw last time and report the differences.
add_hook('AfterCronJob', 1, function () {
    if (portal_webhook_settings() === null) {
        return;
    }
    $schema = Capsule::schema();
    if (!$schema->hasTable(PORTAL_WEBHOOK_PAYMETHOD_TABLE)) {
        $schema->create(PORTAL_WEBHOOK_PAYMETHOD_TABLE, function ($table) {
            $table->integer('client_id')->primary();
            $table->text('paymethod_ids');
        });
        $seeding = true;
    } else {
        $seeding = false;
    }
    $now = [];
    foreach (Capsule::table('tblpaymethods')->whereNull('deleted_at')->get(['id', 'userid']) as $row) {
        $now[(int) $row->userid][] = (int) $row->id;
    }
    $before = [];
    foreach (Capsule::table(PORTAL_WEBHOOK_PAYMETHOD_TABLE)->get() as $row) {
        $before[(int) $row->client_id] = array_map('intval', array_filter(explode(',', $row->paymethod_ids), 'strlen'));
    }
    foreach (array_unique(array_merge(array_keys($now), array_keys($before))) as $clientId) {
        $current = $now[$clientId] ?? [];
        $previous = $before[$clientId] ?? [];
        if (!$seeding) {
            foreach (array_diff($previous, $current) as $id) {
                portal_webhook_queue('paymethod.updated', ['client_id' => $clientId, 'paymethod_id' => $id, 'change' => 'removed']);
            }
            foreach (array_diff($current, $previous) as $id) {
                portal_webhook_queue('paymethod.updated', ['client_id' => $clientId, 'paymethod_id' => $id, 'change' => 'added']);
            }
        }
        Capsule::table(PORTAL_WEBHOOK_PAYMETHOD_TABLE)->updateOrInsert(
            ['client_id' => $clientId],
            ['paymethod_ids' => implode(',', $current)]
        );
    }
});
