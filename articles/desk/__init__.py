"""The editorial desk: the admin through which reporters write and editors publish.

workflow holds the rules (who may do what, what a story needs before it is published); actions the
state changes that apply them; revisions the history; forms, stories, admins and views the admin.
"""
