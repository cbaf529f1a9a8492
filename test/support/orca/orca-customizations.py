# Orca settings for the screen-reader test (test/support/screen-reader.js). Loaded by Orca 43 from its
# prefs dir (orca --user-prefs DIR) before the first-start defaults are written, so every value
# set here becomes a default of the fresh profile.
import os
from orca import settings, debug

settings.enableBraille = False          # no brltty/brlapi here
settings.enableSound = False            # no audio device; avoids GStreamer
settings.enableTutorialMessages = False  # (already False by default in 43.1)

# Web script: don't "Say All" the whole page when it finishes loading (Orca's default is to
# read everything), so each test step only hears what that step caused. Orca still says
# "Finished loading <title>." and "Page has N landmarks, N headings." on load.
# Set ORCA_SAY_ALL_ON_LOAD=1 to keep Orca's default.
settings.sayAllOnLoad = os.environ.get('ORCA_SAY_ALL_ON_LOAD') == '1'

# Orca opens --debug-file block-buffered (8 KiB); make it line-buffered so a test can read
# "SPEECH OUTPUT:" lines while Orca is still running.
if debug.debugFile:
    debug.debugFile.reconfigure(line_buffering=True)
