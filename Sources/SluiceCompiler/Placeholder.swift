// SluiceCompiler: see DESIGN.md
