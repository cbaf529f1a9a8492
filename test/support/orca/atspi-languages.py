#!/usr/bin/python3
"""Prints, as JSON, the headings, status bars, alerts and paragraphs of Chromium's document as
the AT-SPI bus gives them to a screen reader: role, text, and the 'language' text attribute.
Run in the screen-reader session (DISPLAY, DBUS_SESSION_BUS_ADDRESS): test/support/screen-reader.js."""
import json
import gi
gi.require_version('Atspi', '2.0')
from gi.repository import Atspi

ROLES = ('heading', 'status bar', 'alert', 'paragraph')
found = []


def walk(node, in_document):
    try:
        role = node.get_role_name()
        in_document = in_document or role == 'document web'
        if in_document and role in ROLES:
            text = node.get_text_iface()
            count = text.get_character_count() if text else 0
            content = text.get_text(0, count).replace('\ufffc', '') if count else ''
            attributes = Atspi.Text.get_attribute_run(node, 0, True)[0] if count else {}
            found.append({'role': role, 'text': ' '.join(content.split()), 'language': (attributes or {}).get('language', '')})
        for index in range(node.get_child_count()):
            walk(node.get_child_at_index(index), in_document)
    except Exception:  # objects can go while the tree is walked
        pass


desktop = Atspi.get_desktop(0)
for index in range(desktop.get_child_count()):
    app = desktop.get_child_at_index(index)
    if app and (app.get_name() or '').lower().startswith('chrom'):
        walk(app, False)
print(json.dumps(found))
