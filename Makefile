.PHONY: demo serve test sandbox mutation

# The two commands of the README.
demo:
	scripts/demo.sh $(ARGS)

test:
	scripts/test.sh

serve:
	scripts/services.sh && scripts/bootstrap.sh && .venv/bin/portal migrate --create-database && .venv/bin/portal serve

# Mutation testing of the critical modules (tests/mutation/critical_modules.toml); MODULE=<dotted name> for one.
mutation:
	.venv/bin/pip install --quiet --disable-pip-version-check -e '.[dev,mutation]'
	.venv/bin/python scripts/mutation.py $(if $(MODULE),--module $(MODULE))
