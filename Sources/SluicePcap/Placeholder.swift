// SluicePcap: see DESIGN.md
