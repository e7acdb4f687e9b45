"""Plain functions behind the site's MkDocs hooks.

Nothing in this package imports MkDocs: the hooks in the folder above are thin
seams that call into it, and the tests reach it directly.
"""
