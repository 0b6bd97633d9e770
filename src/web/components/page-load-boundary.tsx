import { Component, type ReactNode } from "react";
import { useI18n } from "../i18n.tsx";
import { Alert } from "./form.tsx";

function PageLoadFailed() {
  const { t } = useI18n();
  return <Alert kind="error">{t("error.network")}</Alert>;
}

interface Props {
  /** The address shown; going to another one tries again. */
  pathname: string;
  children: ReactNode;
}

/**
 * A page's code comes on first use; when it cannot be fetched (offline, or a new version replaced
 * the files) the page says that the server could not be reached instead of leaving the screen blank.
 */
export class PageLoadBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidUpdate(previous: Props) {
    if (this.state.failed && previous.pathname !== this.props.pathname) this.setState({ failed: false });
  }

  override render() {
    return this.state.failed ? <PageLoadFailed /> : this.props.children;
  }
}
