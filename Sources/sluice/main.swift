import SluiceCLI

await SluiceCommand.main(arguments: nil)
