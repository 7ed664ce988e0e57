// The umbrella module: `import Sluice` gives the whole public API.
@_exported import SluiceBytecode
@_exported import SluiceVerifier
@_exported import SluiceInterpreter
@_exported import SluicePcap
@_exported import SluiceCompiler
@_exported import SluiceEBPF
@_exported import SluiceKernel
@_exported import SluiceTraffic
