"""Stage 4, answers → people and programs: the chat page and the web server around it."""
