"""Generated G-SDK (V1.8) protobuf and gRPC modules. Regenerate with: python -m biohil.protogen"""
