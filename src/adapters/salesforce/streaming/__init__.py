"""The Salesforce change stream (CDC and platform events over the CometD Streaming API) via aiosfstream-ng."""
