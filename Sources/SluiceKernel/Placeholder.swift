// SluiceKernel: see DESIGN.md
