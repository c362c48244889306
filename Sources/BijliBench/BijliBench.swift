@main
struct BijliBench {
    static func main() {}
}
