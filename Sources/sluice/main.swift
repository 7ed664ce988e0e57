import SluiceCLI

await SluiceCommand.main()
