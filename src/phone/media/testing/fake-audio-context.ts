import { FakeStream, FakeTrack, asStream } from '../../testing/fake-media';
import type { MixContext, MixDestination, MixGain, MixNode } from '../conference-mixer';

/** A Web Audio node that only records its outgoing edges, named for readable assertions. */
export class FakeNode implements MixNode {
  readonly out = new Set<FakeNode>();
  constructor(readonly name: string) {}
  connect(destination: MixNode): void {
    this.out.add(destination as FakeNode);
  }
  disconnect(destination: MixNode): void {
    this.out.delete(destination as FakeNode);
  }
}

export class FakeGain extends FakeNode implements MixGain {
  readonly gain = { value: 1 };
}

export class FakeDestination extends FakeNode implements MixDestination {
  readonly stream: MediaStream;
  constructor(name: string) {
    super(name);
    this.stream = asStream(new FakeStream([new FakeTrack(`${name}-track`)]));
  }
}

/** Records every node; `inputsOf(dest)` walks the graph backwards to the sources feeding it. */
export class FakeAudioContext implements MixContext {
  state = 'running';
  readonly nodes: FakeNode[] = [];
  private n = 0;

  createMediaStreamSource(stream: MediaStream): FakeNode {
    const label = (stream as unknown as FakeStream).tracks[0]?.label ?? 'stream';
    return this.add(new FakeNode(`src:${label}`));
  }
  createMediaStreamDestination(): FakeDestination {
    return this.add(new FakeDestination(`dest${++this.n}`));
  }
  createGain(): FakeGain {
    return this.add(new FakeGain(`gain${++this.n}`));
  }
  resume(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    this.state = 'closed';
    return Promise.resolve();
  }

  /** Names of the sources that reach `dest` through gains that are not at zero. */
  audibleIn(dest: FakeNode): string[] {
    const found: string[] = [];
    for (const node of this.nodes) {
      if (node.name.startsWith('src:') && this.reaches(node, dest)) found.push(node.name.slice(4));
    }
    return found.sort();
  }

  destinationOf(track: MediaStreamTrack): FakeDestination {
    const dest = this.nodes.find(
      (n) => n instanceof FakeDestination && n.stream.getAudioTracks()[0] === track,
    );
    if (!dest) throw new Error('no destination for that track');
    return dest as FakeDestination;
  }

  private reaches(from: FakeNode, to: FakeNode): boolean {
    if (from instanceof FakeGain && from.gain.value === 0) return false;
    if (from === to) return true;
    return [...from.out].some((next) => this.reaches(next, to));
  }

  private add<N extends FakeNode>(node: N): N {
    this.nodes.push(node);
    return node;
  }
}
