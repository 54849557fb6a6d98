from saraban.ingest.cli import main

raise SystemExit(main())
