@main struct ArchiveBenchmark { static func main() {} }
