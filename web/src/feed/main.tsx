import { render } from 'preact'; render(<p>feed</p>, document.getElementById('app')!);
