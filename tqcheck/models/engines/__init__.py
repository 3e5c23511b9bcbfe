"""Translation engines behind one interface (``base.Engine``); each is imported only when used."""
