.PHONY: demo serve test sandbox

# The two commands of the README.
demo:
	scripts/demo.sh $(ARGS)

test:
	scripts/test.sh

serve:
	scripts/services.sh && scripts/bootstrap.sh && .venv/bin/portal migrate --create-database && .venv/bin/portal serve
