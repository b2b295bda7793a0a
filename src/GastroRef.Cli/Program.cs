using GastroRef.Cli;

return EditorCommands.Run(args, Console.Out, Console.Error);
