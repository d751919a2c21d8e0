from callback_sim.cli import main

raise SystemExit(main())
