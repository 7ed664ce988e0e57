// SluiceTraffic: packet builders and a traffic synthesizer (see DESIGN.md)
