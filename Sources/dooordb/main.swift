import DooorCLI

await runDooordb()
