"""A complete production configuration: every setting production requires, each a plausible real value."""

PRODUCTION = {
    "PORTAL_ENVIRONMENT": "production",
    "PORTAL_DATABASE_URL": "postgresql+asyncpg://portal:pw@db/portal",
    "PORTAL_REDIS_URL": "redis://cache:6379/0",
    "PORTAL_WHMCS_URL": "https://billing.example.jp/",
    "PORTAL_WHMCS_IDENTIFIER": "id",
    "PORTAL_WHMCS_SECRET": "secret",
    "PORTAL_WHMCS_WEBHOOK_SECRET": "whsec_c2VjcmV0",
    "PORTAL_SALESFORCE_LOGIN_URL": "https://login.salesforce.com",
    "PORTAL_SALESFORCE_CLIENT_ID": "3MVGreal",
    "PORTAL_FREEBIT_URL": "https://freebit.example/emptool/api/",
    "PORTAL_FREEBIT_OEM_ID": "POEM",
    "PORTAL_FREEBIT_OEM_KEY": "key",
    "PORTAL_SMTP_HOST": "smtp.example.jp",
    "PORTAL_SMTP_SECURITY": "starttls",
    "PORTAL_MAIL_FROM": "Sakura Hikari <no-reply@sakura-hikari.jp>",
    "PORTAL_TRUSTED_PROXY_HEADER": "X-Forwarded-For",
}
