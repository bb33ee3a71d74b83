"""Batch jobs that commit step by step over the services: the sweep and e-mail delivery."""
