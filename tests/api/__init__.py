"""Tests of the REST API, Open311 and the public pages."""
