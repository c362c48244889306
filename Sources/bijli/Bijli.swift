@main
struct Bijli {
    static func main() {}
}
