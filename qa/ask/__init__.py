"""Stage 3, index → hits → answer: understand the question once, retrieve and fuse, then extract
the short answer (or compare reports, or complete a follow-up) with citations."""
