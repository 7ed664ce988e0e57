// SluiceInterpreter: see DESIGN.md
